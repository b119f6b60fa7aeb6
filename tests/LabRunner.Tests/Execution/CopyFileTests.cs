using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>psql's \copy in a SQL step: the data over the session's connection, the file inside the sandbox.</summary>
[Collection(SandboxCollection.Name)]
public sealed class CopyFileTests(SandboxFixture fx)
{
    private StepExecutor NewExecutor() => new(fx.Sandbox, new ExecutionOptions());

    private static string Unique(string name) => $"{Guid.NewGuid():N}-{name}";

    [Fact]
    public async Task Copy_from_a_csv_with_a_header_that_a_file_step_saved_loads_its_rows()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("clientes.csv");
        await ex.ExecuteAsync(new FileAction(file, "id,nombre\n1,Ana\n2,\"Luis, hijo\"\n3,\"dos\nlíneas\"\n"), Consent.None, null, null, CancellationToken.None);

        var output = await ex.SqlAsync(
            $"CREATE TABLE clientes (id int, nombre text);\n\\copy clientes FROM '{file}' WITH (FORMAT csv, HEADER)\nSELECT id, length(nombre) FROM clientes ORDER BY id;", db);

        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Equal("CREATE TABLE\nCOPY 3\n id | length \n----+--------\n  1 |      3\n  2 |     10\n  3 |     10\n(3 rows)\n\n", output.Text);
    }

    [Fact]
    public async Task Copy_of_a_query_to_a_file_writes_it_in_the_sandbox_where_a_shell_step_reads_it()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("salida.csv");

        var output = await ex.SqlAsync($"\\copy (SELECT x AS n, 'fila ' || x AS t FROM generate_series(1, 2) x) TO {file} CSV HEADER", db);
        Assert.Equal("COPY 2\n", output.Text);

        var read = await ex.ExecuteAsync(new ShellAction($"cat {file}; stat -c %U {file}"), Consent.Shell, null, null, CancellationToken.None);
        Assert.Equal("n,t\n1,fila 1\n2,fila 2\npostgres\n", read.Text);
    }

    [Fact]
    public async Task Copy_from_a_missing_file_prints_psqls_message_and_sends_nothing()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("nada.csv");

        var output = await ex.SqlAsync($"CREATE TABLE t (a int);\n\\copy t from {file} csv\nSELECT count(*) FROM t;", db);

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.StartsWith($"CREATE TABLE\n{file}: No such file or directory\n count \n", output.Text);
    }

    [Fact]
    public async Task Copy_from_bad_data_prints_the_servers_error()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("malo.csv");
        await ex.ExecuteAsync(new FileAction(file, "1\nuno\n"), Consent.None, null, null, CancellationToken.None);

        var output = await ex.SqlAsync($"CREATE TABLE t (a int);\n\\copy t FROM '{file}' (FORMAT csv)", db);

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.Contains("ERROR:  invalid input syntax for type integer: \"uno\"\n", output.Text);
        Assert.Contains("CONTEXT:  COPY t, line 2, column a: \"uno\"\n", output.Text);
    }

    [Fact]
    public async Task Copy_waiting_past_the_steps_timeout_stops_the_step_and_the_session_stays_usable()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("espera.csv");
        await ex.ExecuteAsync(new FileAction(file, "1\n"), Consent.None, null, null, CancellationToken.None);
        await ex.SqlAsync("CREATE TABLE t (a int);", db);
        await ex.SqlAsync("BEGIN; LOCK TABLE t;", db, session: "other");

        var output = await ex.SqlAsync($"\\copy t FROM '{file}'\nSELECT 'not reached';", db, timeout: TimeSpan.FromSeconds(1));

        Assert.Equal(StepOutcome.TimedOut, output.Outcome);
        Assert.DoesNotContain("not reached", output.Text);
        await ex.SqlAsync("ROLLBACK;", db, session: "other");
        var after = await ex.SqlAsync($"\\copy t FROM '{file}'", db);
        Assert.Equal("COPY 1\n", after.Text);
    }

    [Fact]
    public async Task Copy_without_a_confined_shell_is_refused_and_writes_no_host_file()
    {
        var db = await fx.CreateDatabaseAsync();
        var file = Unique("host.csv");
        await using var target = new LabRunner.Tests.Checking.DatabaseTarget(fx.Sandbox, db); // its shell is the host's
        await using var ex = new StepExecutor(target, new ExecutionOptions());

        var output = await ex.SqlAsync($"\\copy (SELECT 1) TO '{file}'", db);

        Assert.Equal($"\\copy {file}: not done: LabRunner reads and writes a lab's files inside its sandbox only (", output.Text[..(output.Text.IndexOf('(') + 1)]);
        Assert.False(File.Exists(Path.Combine(fx.Sandbox.WorkDirectory, file)));
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, file)));
    }

    [Theory]
    [InlineData("cities FROM 'cities.csv' WITH (FORMAT csv, HEADER true)", "COPY cities FROM STDIN WITH (FORMAT csv, HEADER true)", "cities.csv")]
    [InlineData("(SELECT name FROM cities ORDER BY population DESC) TO 'big.txt'", "COPY (SELECT name FROM cities ORDER BY population DESC) TO STDOUT", "big.txt")]
    [InlineData("t (a, b) from 'it''s.csv' csv header", "COPY t (a, b) FROM STDIN csv header", "it's.csv")]
    public void The_copy_line_becomes_COPY_on_the_connection_with_its_options(string line, string sql, string file)
    {
        var copy = CopyCommand.Parse(line)!;
        Assert.Equal(sql, copy.Sql);
        Assert.Equal(file, copy.File);
    }
}
