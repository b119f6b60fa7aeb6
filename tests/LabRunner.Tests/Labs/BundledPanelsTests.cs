using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Tests.Labs;

/// <summary>The expected panels written in the bundled labs are read by the checker as the tables the author meant.</summary>
public class BundledPanelsTests
{
    private static Lab Seed => LabLoader.LoadFile(LabFiles.Seed).Lab!;

    [Fact]
    public void Every_panel_in_the_catalog_reads_as_tables_and_command_tags_only()
    {
        var catalog = LabCatalog.Load(LabFiles.Catalog);
        foreach (var entry in catalog.Entries)
        {
            var lab = LabLoader.LoadFile(entry.FullPath).Lab!;
            foreach (var step in lab.Tasks.SelectMany(t => t.Steps.Concat(t.Checks)).Where(s => s.Expect?.Panel is not null))
            {
                var statements = ExpectedPanel.Parse(step.Expect!.Panel!).Statements;
                Assert.NotEmpty(statements);
                // Never words: a panel read as text would compare nothing.
                Assert.All(statements, s => Assert.True(s is ExpectedTable or ExpectedTag, $"{step.Id}: {s}"));
            }
        }
    }

    [Fact]
    public void Settings_panel_reads_as_the_five_defaults()
    {
        var tables = ExpectedPanel.Parse(Seed.Tasks[1].Steps[0].Expect!.Panel!).Tables.ToList();

        Assert.Equal(["autovacuum", "autovacuum_vacuum_threshold", "autovacuum_analyze_threshold", "autovacuum_vacuum_scale_factor", "autovacuum_analyze_scale_factor"],
            tables.Select(t => Assert.Single(t.Columns)));
        Assert.Equal(["on", "50", "50", "0.2", "0.1"], tables.Select(t => Assert.Single(t.Rows)[0]));
    }

    [Fact]
    public void Autovacuum_panel_reads_as_the_authors_row()
    {
        var table = Assert.Single(ExpectedPanel.Parse(Seed.Tasks[1].Steps[4].Expect!.Panel!).Tables);

        Assert.Equal(["relname", "n_live_tup", "n_dead_tup", "last_vacuum", "last_autovacuum"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal(["test_autovacuum", "666667", "0"], row.Take(3));
        Assert.True(string.IsNullOrEmpty(row[3]));
    }
}
