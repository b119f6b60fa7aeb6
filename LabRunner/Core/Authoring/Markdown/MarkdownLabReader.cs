using LabRunner.Labs;
namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Reads a lab written in the course's Markdown (title, objectives, duration, "Tarea N." tasks made of "Paso N." steps
/// with code blocks, "Resultado esperado" panels) into a <see cref="Lab"/>, from Markdig's syntax tree. Never throws
/// for odd input: whatever it cannot map exactly becomes a warning with the Markdown line.
/// As an <see cref="ILabReader"/> (listed in LabReaders.Default) it makes `labrunner check lab.md` and `labrunner lab.md` work:
/// the lab goes through the YAML validator on the way, so a Markdown lab runs exactly like its imported YAML.
/// </summary>
public sealed class MarkdownLabReader : ILabReader
{
    internal const string NoTasks = "no tasks with steps found: expected \"### Tarea 1.\" (or \"### Task 1.\") headings with \"Paso 1.\" and code blocks";

    /// <summary>Reads Markdown text as if from <paramref name="path"/> (the lab id comes from the file or folder name).</summary>
    public static MarkdownImport Read(string markdown, string path) => MarkdownWalker.Read(markdown, path);

    public static async Task<MarkdownImport> ReadFileAsync(string path, CancellationToken ct = default) =>
        Read(await File.ReadAllTextAsync(path, ct), path);

    public bool CanRead(string path) =>
        path.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".markdown", StringComparison.OrdinalIgnoreCase);

    public async Task<LabLoadResult> ReadAsync(string path, CancellationToken ct)
    {
        string text;
        IReadOnlyList<Diagnostic> encoding;
        try { (text, encoding) = await LabFileText.ReadAsync(path, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new LabLoadResult(null, [new Diagnostic(new SourceLocation(path, 0, 0), Severity.Error, $"cannot read the lab file: {e.Message}", "check the path")]);
        }
        var validated = Validate(Read(text, path), path);
        return encoding.Count == 0 ? validated : new LabLoadResult(null, [.. encoding, .. validated.Diagnostics]);
    }

    /// <summary>
    /// The imported lab as the YAML loader sees it (same defaults, same checks), with the Markdown's locations and warnings.
    /// An error here means the import produced YAML the loader refuses: reported, never hidden.
    /// </summary>
    public static LabLoadResult Validate(MarkdownImport import, string path)
    {
        var warnings = import.Warnings.Where(w => !w.IsInfo && w.Message != NoTasks)
            .Select(w => new Diagnostic(new SourceLocation(path, w.Line, w.Line > 0 ? 1 : 0), Severity.Warning, w.Message)).ToList();
        if (import.Lab.Tasks.Count == 0)
            return new LabLoadResult(null, [.. warnings, new Diagnostic(new SourceLocation(path, 0, 0), Severity.Error, NoTasks, "see Labs/AUTHORING.md or the course's lab template")]);
        var yaml = LabYamlWriter.Write(import.Lab);
        var loaded = LabLoader.LoadText(yaml, path);
        if (loaded.Lab is null)
        {
            var errors = loaded.Errors.Select(d => d with
            {
                Message = $"the imported lab does not validate: {d.Message} (at line {d.Location.Line} of the YAML `labrunner import` writes)",
                Location = new SourceLocation(path, 0, 0),
            });
            return new LabLoadResult(null, [.. warnings, .. errors]);
        }
        // The loader's own warnings (an image file not found...) concern the lab as a whole here.
        warnings.AddRange(loaded.Warnings.Select(d => d with { Location = new SourceLocation(path, 0, 0) }));
        return new LabLoadResult(WithMarkdownLocations(loaded.Lab, import.Lab), warnings);
    }

    private static Lab WithMarkdownLocations(Lab loaded, Lab markdown) => loaded with
    {
        SourcePath = markdown.SourcePath,
        Tasks = loaded.Tasks.Zip(markdown.Tasks, (t, m) => t with
        {
            Location = m.Location,
            // Where each expected result is in the Markdown: `check --accept` writes accepted panels back there.
            Steps = t.Steps.Zip(m.Steps, (s, ms) => s with
            {
                Location = ms.Location,
                Expect = s.Expect is { } e && ms.Expect is { } me ? e with { Location = me.Location } : s.Expect,
            }).ToList(),
        }).ToList(),
    };
}
