using LabRunner.Labs;
using LabRunner.Authoring.Markdown;
using LabRunner.Tests.Support;
using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

/// <summary>The seed lab (the course's Markdown) imports to the lab bundled in Labs/respaldo-autovacuum/lab.yaml.</summary>
public class SeedImportTests
{
    private static string SeedMarkdown => Path.Combine(CorpusTests.Directory, "respaldo-autovacuum.md");
    private static string BundledYaml => Path.Combine(TestPaths.RepoRoot, "Labs", "respaldo-autovacuum", "lab.yaml");

    private static Lab Bundled()
    {
        var result = LabLoader.LoadFile(BundledYaml);
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics));
        return result.Lab!;
    }

    private static Lab ImportedThroughYaml()
    {
        var import = MarkdownLabReader.Read(File.ReadAllText(SeedMarkdown), SeedMarkdown);
        var loaded = LabLoader.LoadText(LabYamlWriter.Write(import.Lab), BundledYaml);
        Assert.True(loaded.Lab is not null, string.Join("\n", loaded.Diagnostics));
        return loaded.Lab!;
    }

    [Fact]
    public void Seed_markdown_imports_to_a_lab_equivalent_to_the_bundled_one()
    {
        var differences = LabEquivalence.Differences(Bundled(), ImportedThroughYaml());
        // What the bundled lab adds that the Markdown does not say (so no import can infer it): the output of Tarea 2
        // Paso 1 (PostgreSQL's default settings), a grader check of Tarea 2, and a backup that provably restores (#15):
        // a WAL archive, a non-exclusive start on 14, the label file kept and written as backup_label (Tarea 1 Paso 3
        // and 4), Tarea 3, which restores the copy on a second server, and what the steps that print something must print
        // (the Markdown shows a result for Tarea 2 Paso 5 only): an LSN, rsync's end, pg_backup_stop's row, command tags.
        var known = new[]
        {
            "Tarea 1 Paso 1. expect:",
            "Tarea 1 Paso 2. expect:",
            "Tarea 1 Paso 3. expect:",
            "Tarea 2 Paso 2. expect:",
            "Tarea 2 Paso 3. expect:",
            "Tarea 2 Paso 4. expect:",
            "Tarea 2 checks: expected 1, got 0",
            "Tarea 2 Paso 1. expect:",
            "server.wal_archive: expected {{workdir}}/archivo_wal",
            "task count: expected 3, got 2",
            "Tarea 1 step count: expected 4, got 3",
            "Tarea 1 Paso 1. action: expected sql[main@curso] SELECT pg_start_backup('backup1', false, false);",
            "Tarea 1 Paso 3. action: expected sql[main@curso] CREATE TEMP TABLE fin_backup AS SELECT * FROM pg_stop_backup(false);",
            "Tarea 1 Paso 3. variants: expected >=15: sql[main@curso] CREATE TEMP TABLE fin_backup AS SELECT * FROM pg_backup_stop();",
        };
        var unexplained = differences.Where(d => !known.Any(k => d.StartsWith(k, StringComparison.Ordinal))).ToList();
        Assert.True(unexplained.Count == 0, string.Join("\n", unexplained));
        Assert.Equal(known.Length, differences.Count);
    }

    [Fact]
    public void Seed_panel_is_attached_to_the_step_that_runs_its_query_after_the_updates()
    {
        var lab = MarkdownLabReader.Read(File.ReadAllText(SeedMarkdown), SeedMarkdown).Lab;
        var steps = lab.Tasks[1].Steps;
        Assert.Null(steps[2].Expect); // Paso 3 runs the same query before the updates
        var expect = steps[4].Expect!;
        Assert.StartsWith("curso=> SELECT relname", expect.Panel);
        Assert.Equal(new Eventually(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2)), expect.Eventually);
        Assert.Equal(new Matcher.Shape(ValueShape.Timestamp), expect.Matchers["last_autovacuum"]);
    }
}
