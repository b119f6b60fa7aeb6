using LabRunner.Execution;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Execution;

/// <summary>psql's \q in a SQL step: psql ends, its connection and open transaction with it; the next step is a new psql.</summary>
[Collection(SandboxCollection.Name)]
public sealed class QuitTests(SandboxFixture fx)
{
    [Fact]
    public async Task Q_ends_the_sessions_connection_so_its_database_can_be_dropped_and_the_rest_of_the_script_is_not_run()
    {
        var db = await fx.CreateDatabaseAsync("quit");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());

        var output = await ex.SqlAsync("CREATE TABLE kept (x int);\nBEGIN;\nCREATE TABLE lost (x int);\n\\q\nCREATE TABLE never (x int);", db);

        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Equal("CREATE TABLE\nBEGIN\nCREATE TABLE\n", output.Text); // nothing after \q, as psql reads no further
        // Nobody is left on the database (a lab's `dropdb` goes through), and the open transaction was rolled back.
        var left = -1L;
        for (var i = 0; i < 50 && left != 0; i++, await Task.Delay(100)) // a closed backend leaves within moments
            left = await ScalarAsync($"SELECT count(*) FROM pg_stat_activity WHERE datname = '{db}'");
        Assert.Equal(0L, left);
        var next = await ex.SqlAsync("SELECT string_agg(tablename, ',' ORDER BY tablename) AS t FROM pg_tables WHERE schemaname = 'public';", db);
        Assert.Contains(" kept\n", next.Text);
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var conn = await fx.OpenAsync("postgres");
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
