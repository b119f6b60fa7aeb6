using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Authoring.Markdown;
using LabRunner.Tests.Support;
using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Every Markdown lab under corpus/ imports without crashing, prints exactly the warnings its .expected sidecar lists
/// (line, kind, text), and gives YAML that the lab loader accepts and reads back as the same lab.
/// </summary>
public partial class CorpusTests
{
    public static string Directory => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Authoring", "corpus");

    public static TheoryData<string> Labs()
    {
        var data = new TheoryData<string>();
        foreach (var file in System.IO.Directory.GetFiles(Directory, "*.md").Order()) data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void Corpus_has_at_least_ten_labs_each_with_its_expected_warnings()
    {
        var labs = System.IO.Directory.GetFiles(Directory, "*.md");
        Assert.True(labs.Length >= 10, $"only {labs.Length} labs in the corpus");
        Assert.All(labs, md => Assert.True(File.Exists(Path.ChangeExtension(md, ".expected")), $"{md} has no .expected sidecar"));
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Import_prints_exactly_the_expected_warnings(string name)
    {
        var path = Path.Combine(Directory, name);
        var import = MarkdownLabReader.Read(File.ReadAllText(path), path);
        var expected = File.ReadAllLines(Path.ChangeExtension(path, ".expected"))
            .Where(l => l.Trim().Length > 0 && !l.StartsWith('#'))
            .Select(l => Sidecar().Match(l))
            .Select(m => (Line: int.Parse(m.Groups["line"].Value), Info: m.Groups["kind"].Value == "info", Text: m.Groups["text"].Value.Trim()))
            .ToList();
        var unmatched = import.Warnings.ToList();
        var missing = new List<string>();
        foreach (var e in expected)
        {
            var hit = unmatched.FirstOrDefault(w => w.Line == e.Line && w.IsInfo == e.Info && w.Message.Contains(e.Text, StringComparison.Ordinal));
            if (hit is null) missing.Add($"{e.Line} {(e.Info ? "info" : "warning")}: {e.Text}");
            else unmatched.Remove(hit);
        }
        Assert.True(missing.Count == 0 && unmatched.Count == 0,
            $"missing:\n  {string.Join("\n  ", missing)}\nunexpected:\n  {string.Join("\n  ", unmatched.Select(w => w.Format(name)))}");
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public void Imported_yaml_validates_and_reads_back_as_the_same_lab(string name)
    {
        var path = Path.Combine(Directory, name);
        var import = MarkdownLabReader.Read(File.ReadAllText(path), path);
        var yaml = LabYamlWriter.Write(import.Lab);
        var loaded = LabLoader.LoadText(yaml, Path.Combine(Directory, "lab.yaml"));
        Assert.True(loaded.Lab is not null, $"{name}:\n{string.Join("\n", loaded.Errors)}\n---\n{yaml}");
        Assert.Empty(LabEquivalence.Differences(import.Lab, loaded.Lab!));
        Assert.Equal(import.Lab.Id, loaded.Lab!.Id);
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public async Task Markdown_lab_loads_through_the_lab_sources_like_a_yaml_lab(string name)
    {
        var path = Path.Combine(Directory, name);
        var result = await new LabSources(null).ReadAsync(path);
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics));
        Assert.Equal(Path.GetFullPath(path), result.Lab!.SourcePath);
        Assert.All(result.Lab.AllSteps, s => Assert.Equal(path, s.Location.File));
        Assert.All(result.Lab.AllSteps, s => Assert.True(s.Location.Line > 0, $"{s.Id} has no Markdown line"));
    }

    [GeneratedRegex(@"^(?<line>\d+)\s+(?<kind>warning|info):\s*(?<text>.*)$")]
    private static partial Regex Sidecar();
}
