using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Labs;

/// <summary>The guide authors read must stay true: its example validates and it documents every key.</summary>
public sealed class AuthoringGuideTests : IDisposable
{
    private static readonly string Guide = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Labs", "AUTHORING.md"));
    private readonly string _root = Directory.CreateTempSubdirectory("labrunner-guide-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string FirstYamlBlock() => Regex.Match(Guide, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public void The_complete_example_validates_without_a_single_warning()
    {
        var path = Path.Combine(_root, "Labs", "indices-btree", "lab.yaml");

        var result = LabLoader.LoadText(FirstYamlBlock(), path);

        Assert.Empty(result.Diagnostics);
        Assert.Equal("indices-btree", result.Lab!.Id);
    }

    [Fact]
    public void The_complete_example_uses_every_key_of_a_lab()
    {
        var example = FirstYamlBlock();
        var unused = LabKeys.ByKind.Where(k => k.Key is not (LabKeys.Catalog or LabKeys.CatalogEntry))
            .SelectMany(k => k.Value).Distinct().Where(key => !Regex.IsMatch(example, $@"(^|[\s{{,-]){key}:", RegexOptions.Multiline));
        Assert.Empty(unused);
    }

    [Fact]
    public void The_guide_documents_every_key_matcher_and_built_in_variable()
    {
        var documented = LabKeys.ByKind.Values.SelectMany(k => k).Concat(LabKeys.MatcherNames).Distinct().Where(k => !Guide.Contains($"`{k}`"));
        Assert.Empty(documented);
        Assert.All(LabVariables.BuiltIn, v => Assert.Contains("{{" + v + "}}", Guide));
    }
}
