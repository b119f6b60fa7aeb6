using LabRunner.Execution;
using LabRunner.Psql;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>psql's \gexec: a query that writes statements, each value run in turn with its own result printed.</summary>
[Collection(SandboxCollection.Name)]
public sealed class GexecTests(SandboxFixture fx)
{
    [Fact]
    public void The_scanner_ends_the_statement_at_gexec_as_at_a_semicolon()
    {
        var part = Assert.IsType<SqlStatementPart>(Assert.Single(PsqlScanner.Split("SELECT format('CREATE TABLE t%s ()', g)\nFROM generate_series(1, 2) g\n\\gexec")));
        Assert.True(part.Gexec);
        Assert.Equal("SELECT format('CREATE TABLE t%s ()', g)\nFROM generate_series(1, 2) g", part.Text);
    }

    [Fact]
    public void Watch_ends_the_statement_and_runs_it_once()
    {
        var part = Assert.IsType<SqlStatementPart>(Assert.Single(PsqlScanner.Split("SELECT locktype, mode FROM pg_locks\nORDER BY mode \\watch 2")));
        Assert.Equal("SELECT locktype, mode FROM pg_locks\nORDER BY mode ", part.Text);
    }

    [Fact]
    public async Task Each_value_runs_as_a_statement_and_prints_what_it_gives_an_error_does_not_stop_the_rest()
    {
        var db = await fx.CreateDatabaseAsync("gexec");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());

        var output = await ex.SqlAsync(
            "SELECT format('CREATE TABLE t_%s AS SELECT %s AS n', g, g), CASE WHEN g = 2 THEN 'SELECT nope' END\nFROM generate_series(1, 3) g\nORDER BY g\n\\gexec\n" +
            "SELECT string_agg(tablename, ',' ORDER BY tablename) AS tablas FROM pg_tables WHERE tablename LIKE 't\\_%';", db);

        Assert.StartsWith("SELECT 1\nSELECT 1\nERROR:  column \"nope\" does not exist\n", output.Text);
        Assert.Contains(" t_1,t_2,t_3\n", output.Text); // the NULL value ran nothing; the error did not stop the third row
        Assert.DoesNotContain("format", output.Text); // the generating query's own rows are not shown
    }
}
