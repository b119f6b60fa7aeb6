using LabRunner.Execution;
using LabRunner.Psql;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>`COPY … FROM STDIN;` with its rows and `\.` pasted in the step, as psql reads a script: the rows are the data.</summary>
[Collection(SandboxCollection.Name)]
public sealed class CopyInlineTests(SandboxFixture fx)
{
    [Fact]
    public void The_scanner_takes_the_lines_up_to_the_end_marker_as_the_copys_data()
    {
        var parts = PsqlScanner.Split("COPY t FROM STDIN;\n1\tuno\n2\t\\N\n\\.\nSELECT 1;");

        var copy = Assert.IsType<SqlStatementPart>(parts[0]);
        Assert.Equal("1\tuno\n2\t\\N\n", copy.CopyData);
        var next = Assert.IsType<SqlStatementPart>(parts[1]);
        Assert.Equal(("SELECT 1;", 5, null), (next.Text, next.Line, next.CopyData));
    }

    [Fact]
    public async Task Inline_rows_are_loaded_with_psqls_tag_and_the_statements_after_them_run()
    {
        var db = await fx.CreateDatabaseAsync("copyin");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        await ex.SqlAsync("CREATE TABLE productos (id int, nombre text, precio numeric(8,2));", db);

        var output = await ex.SqlAsync("COPY productos FROM STDIN;\n1\tTeclado\t25.90\n2\tRatón\t\\N\n\\.\nSELECT count(*), count(precio) FROM productos;", db);

        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Equal("COPY 2\n count | count \n-------+-------\n     2 |     1\n(1 row)\n\n", output.Text);
    }

    [Fact]
    public async Task A_bad_row_is_the_servers_error_as_psql_prints_it_and_nothing_is_loaded()
    {
        var db = await fx.CreateDatabaseAsync("copyin");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        await ex.SqlAsync("CREATE TABLE n (x int);", db);

        var output = await ex.SqlAsync("COPY n FROM STDIN;\n1\ndos\n\\.\nSELECT count(*) FROM n;", db);

        Assert.Contains("ERROR:  invalid input syntax for type integer: \"dos\"", output.Text);
        Assert.Contains("     0\n", output.Text); // the statement after it still ran, on a table left empty
    }
}
