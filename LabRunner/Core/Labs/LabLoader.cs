using LabRunner.Labs.Yaml;

namespace LabRunner.Labs;

/// <summary>
/// Reads a lab.yaml into a <see cref="Lab"/> and checks it, reporting every problem at once with file:line:column.
/// Never throws for a bad file (only for one it cannot read); the result's Lab is null when there is an error.
/// </summary>
public static class LabLoader
{
    public static async Task<LabLoadResult> LoadFileAsync(string path, CancellationToken ct = default)
    {
        string text;
        IReadOnlyList<Diagnostic> encoding;
        try { (text, encoding) = await LabFileText.ReadAsync(path, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new LabLoadResult(null, [new Diagnostic(new SourceLocation(path, 0, 0), Severity.Error, $"cannot read the lab file: {e.Message}", "check the path")]);
        }
        var loaded = LoadText(text, path);
        return encoding.Count == 0 ? loaded : new LabLoadResult(null, [.. encoding, .. loaded.Diagnostics]);
    }

    public static LabLoadResult LoadFile(string path) => LoadFileAsync(path).GetAwaiter().GetResult();

    /// <summary>Loads YAML text as if read from <paramref name="path"/> (used for locations and for files relative to the lab).</summary>
    public static LabLoadResult LoadText(string yaml, string path)
    {
        var source = new SourceText(path, yaml);
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeReader.Read(source, diagnostics);
        var lab = new LabYamlBuilder(source, diagnostics).Build(root);
        return new LabLoadResult(diagnostics.HasErrors ? null : lab, diagnostics.Sorted());
    }
}
