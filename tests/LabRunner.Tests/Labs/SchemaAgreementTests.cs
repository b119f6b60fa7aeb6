using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using NJsonSchema;

namespace LabRunner.Tests.Labs;

/// <summary>An editor with the schema and `labrunner validate` agree on what is wrong, where a schema can tell.</summary>
public class SchemaAgreementTests
{
    /// <summary>Loader messages about things a JSON schema can see too (shapes, names, patterns).</summary>
    private static readonly string[] SchemaVisible =
    [
        "unknown key", "missing required key", "bad duration", "bad version range", "unknown matcher", "bad lab id",
        "bad task id", "bad step id", "bad SQLSTATE", "bad language", "a step has either sql or shell",
        "the step has nothing to run", "should be a list", "should be true or false", "\"expect\" has nothing to check",
        "bad tolerance", "the lab has no tasks", "the task has no steps", "variable \"workdir\" is built in",
    ];

    public static TheoryData<string> BrokenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(LabFiles.BrokenDirectory, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Schema_also_refuses_broken_labs_whose_mistake_it_can_see(string name)
    {
        var path = Path.Combine(LabFiles.BrokenDirectory, name);
        var errors = LabLoader.LoadFile(path).Errors.ToList();
        if (!errors.Any(e => SchemaVisible.Any(v => e.Message.StartsWith(v, StringComparison.Ordinal)))) return;
        var schema = await JsonSchema.FromFileAsync(LabFiles.LabSchema);

        var schemaErrors = schema.Validate(YamlJson.Convert(File.ReadAllText(path)));

        Assert.NotEmpty(schemaErrors);
    }

    [Fact]
    public void Most_of_the_corpus_is_visible_to_the_schema()
    {
        var visible = Directory.GetFiles(LabFiles.BrokenDirectory, "*.yaml")
            .Count(f => LabLoader.LoadFile(f).Errors.Any(e => SchemaVisible.Any(v => e.Message.StartsWith(v, StringComparison.Ordinal))));
        Assert.True(visible >= 20, $"only {visible} broken labs exercise the schema");
    }

    [Fact]
    public async Task The_guides_example_satisfies_the_schema()
    {
        var guide = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "Labs", "AUTHORING.md"));
        var example = Regex.Match(guide, "```yaml\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        var schema = await JsonSchema.FromFileAsync(LabFiles.LabSchema);

        Assert.Empty(schema.Validate(YamlJson.Convert(example)));
    }
}
