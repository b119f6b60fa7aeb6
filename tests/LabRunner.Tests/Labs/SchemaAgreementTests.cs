using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using NJsonSchema;

namespace LabRunner.Tests.Labs;

/// <summary>An editor with the schema and `labrunner validate` agree on what is wrong, where a schema can tell.</summary>
public class SchemaAgreementTests
{
    /// <summary>What an editor with the schema sees of each broken lab: every one of them is stated, and asserted.</summary>
    private enum Schema
    {
        /// <summary>The mistake is one of shape, name or pattern: the schema refuses the file too.</summary>
        Refuses,
        /// <summary>Only the loader can see it (duplicates, variables, cross-field rules, a missing image): the schema accepts the file.</summary>
        Blind,
        /// <summary>Not YAML (tabs, unclosed quotes, duplicate keys, nothing at all): the editor's YAML parser stops before any schema.</summary>
        NotYaml,
    }

    private static readonly Dictionary<string, Schema> Expected = new()
    {
        ["01-unknown-key-with-suggestion.yaml"] = Schema.Refuses,
        ["02-unknown-key-without-suggestion.yaml"] = Schema.Refuses,
        ["03-missing-lab-title.yaml"] = Schema.Refuses,
        ["04-missing-tasks.yaml"] = Schema.Refuses,
        ["05-missing-step-title.yaml"] = Schema.Refuses,
        ["06-duplicate-task-id.yaml"] = Schema.Blind,
        ["07-duplicate-step-id.yaml"] = Schema.Blind,
        ["08-duplicate-check-id.yaml"] = Schema.Blind,
        ["09-bad-version-range.yaml"] = Schema.Refuses,
        ["10-bad-variant-versions.yaml"] = Schema.Refuses,
        ["11-variant-without-versions.yaml"] = Schema.Refuses,
        ["12-unknown-matcher.yaml"] = Schema.Refuses,
        ["13-unknown-matcher-without-suggestion.yaml"] = Schema.Refuses,
        ["14-unknown-variable-with-suggestion.yaml"] = Schema.Blind,
        ["15-unknown-variable-builtin-typo.yaml"] = Schema.Blind,
        ["16-unknown-variable-without-suggestion.yaml"] = Schema.Blind,
        ["17-variable-value-uses-author-variable.yaml"] = Schema.Blind,
        ["18-builtin-variable-redefined.yaml"] = Schema.Refuses,
        ["19-missing-image-is-a-warning.yaml"] = Schema.Blind,
        ["20-empty-sql.yaml"] = Schema.Refuses,
        ["21-empty-shell-block.yaml"] = Schema.Refuses,
        ["22-step-without-action.yaml"] = Schema.Refuses,
        ["23-sql-and-shell.yaml"] = Schema.Refuses,
        ["24-tab-indentation.yaml"] = Schema.NotYaml,
        ["25-unclosed-quote.yaml"] = Schema.NotYaml,
        ["26-bad-indentation.yaml"] = Schema.NotYaml,
        ["27-panel-starting-with-space-needs-indicator.yaml"] = Schema.NotYaml,
        ["28-bad-timeout.yaml"] = Schema.Refuses,
        ["29-bad-eventually-within.yaml"] = Schema.Refuses,
        ["30-eventually-without-within.yaml"] = Schema.Refuses,
        ["31-eventually-every-longer-than-within.yaml"] = Schema.Blind,
        ["32-bad-sqlstate.yaml"] = Schema.Refuses,
        ["33-bad-lab-id.yaml"] = Schema.Refuses,
        ["34-bad-task-id.yaml"] = Schema.Refuses,
        ["35-duplicate-key.yaml"] = Schema.NotYaml,
        ["36-row-cell-count.yaml"] = Schema.Blind,
        ["37-rows-without-columns.yaml"] = Schema.Blind,
        ["38-match-unknown-column.yaml"] = Schema.Blind,
        ["39-bad-regex.yaml"] = Schema.Blind,
        ["40-bad-tolerance.yaml"] = Schema.Refuses,
        ["41-session-on-shell-step.yaml"] = Schema.Blind,
        ["42-exit-code-on-sql-step.yaml"] = Schema.Blind,
        ["43-sqlstate-on-shell-step.yaml"] = Schema.Refuses,
        ["44-variant-of-other-kind.yaml"] = Schema.Blind,
        ["45-empty-file.yaml"] = Schema.NotYaml,
        ["46-bad-language.yaml"] = Schema.Refuses,
        ["47-tasks-not-a-list.yaml"] = Schema.Refuses,
        ["48-empty-expect.yaml"] = Schema.Refuses,
        ["49-bad-boolean.yaml"] = Schema.Refuses,
        ["50-second-document.yaml"] = Schema.Blind,
        ["51-many-problems-at-once.yaml"] = Schema.Refuses,
        ["52-panel-on-the-step.yaml"] = Schema.Refuses,
        ["53-sql-on-the-task.yaml"] = Schema.Refuses,
        ["54-legal-tab-in-sql-then-other-error.yaml"] = Schema.NotYaml,
        ["55-tabs-everywhere.yaml"] = Schema.NotYaml,
        ["56-steps-empty-list.yaml"] = Schema.Refuses,
        ["57-wal-archive-outside-workdir.yaml"] = Schema.Refuses,
        ["58-wal-archive-and-archive-command.yaml"] = Schema.Blind, // ".." fits the pattern; the loader refuses it
        ["59-wal-archive-twice.yaml"] = Schema.Blind,
        ["60-needs-not-an-earlier-task.yaml"] = Schema.Refuses, // an item that is not an id; which ids are earlier, only the loader knows
    };

    public static TheoryData<string> BrokenFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(LabFiles.BrokenDirectory, "*.yaml").Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task The_schema_and_the_loader_agree_on_every_broken_lab(string name)
    {
        Assert.True(Expected.TryGetValue(name, out var sees), $"{name} is not in the table: say what the schema sees of it");
        var path = Path.Combine(LabFiles.BrokenDirectory, name);
        var loaded = LabLoader.LoadFile(path);
        Assert.NotEmpty(loaded.Diagnostics); // the loader always sees it
        var schema = await JsonSchema.FromFileAsync(LabFiles.LabSchema);

        if (sees == Schema.NotYaml)
        {
            Assert.ThrowsAny<Exception>(() => YamlJson.Convert(File.ReadAllText(path)));
            return;
        }
        var schemaErrors = schema.Validate(YamlJson.Convert(File.ReadAllText(path)));
        if (sees == Schema.Refuses) Assert.NotEmpty(schemaErrors);
        else Assert.Empty(schemaErrors);
    }

    [Fact]
    public void Every_broken_lab_is_in_the_table_and_most_are_visible_to_the_schema()
    {
        var files = Directory.GetFiles(LabFiles.BrokenDirectory, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(Expected.Keys.Order(StringComparer.Ordinal), files);
        Assert.True(Expected.Values.Count(v => v == Schema.Refuses) >= 30);
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
