using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using LabRunner.Psql;
using LabRunner.Running;
using LabRunner.Tests.Psql;

namespace LabRunner.Tests.Execution;

/// <summary>The seed lab (respaldo-autovacuum) on the installed PostgreSQL, with its 15+ variants, step by step.</summary>
[Collection(SandboxCollection.Name)]
public sealed class SeedLabTests(SandboxFixture fx)
{
    [Fact]
    public async Task Low_level_backup_runs_in_one_session_around_an_rsync_of_the_data_directory()
    {
        var db = await fx.CreateDatabaseAsync("curso");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        var values = ServerVariables.BuiltIns(fx.Sandbox);
        Assert.Empty(ToolCheck.Missing(["rsync"]));

        // The lab asks for a spread checkpoint (false); a fast one (true) keeps the test quick and prints the same.
        var start = await ex.SqlAsync("SELECT pg_backup_start('backup1', true);", db);
        Assert.Equal(StepOutcome.Completed, start.Outcome);
        Assert.Matches(@"^ pg_backup_start \n-----------------\n [0-9A-F]+/[0-9A-F]+\n\(1 row\)\n\n$", start.Text);

        var copy = await ex.ExecuteAsync(new ShellAction(LabVariables.Substitute(
            "rsync -a --exclude='postmaster.pid' --exclude='pg_wal/*' --exclude='pg_internal.init' {{data_directory}}/ {{workdir}}/backup1/ && ls {{workdir}}/backup1/PG_VERSION",
            values)), Consent.Shell, TimeSpan.FromMinutes(2), null, default);
        Assert.Equal(StepOutcome.Completed, copy.Outcome);
        Assert.EndsWith("backup1/PG_VERSION\n", copy.Text);
        Assert.True(File.Exists(Path.Combine(fx.Sandbox.WorkDirectory, "backup1", "global", "pg_control")));

        var stop = await ex.SqlAsync("SELECT * FROM pg_backup_stop(); --por defecto espera hasta que el último segmento wal haya sido guardado.", db);
        Assert.Equal(StepOutcome.Completed, stop.Outcome);
        Assert.IsType<ServerNotice>(stop.Results[0]);
        Assert.StartsWith("NOTICE:  WAL archiving is not enabled;", stop.Text);
        var rs = stop.LastResultSet!;
        Assert.Equal(["lsn", "labelfile", "spcmapfile"], rs.Columns.Select(c => c.Name));
        Assert.Contains("LABEL: backup1", rs.Rows[0][1]);
        Assert.Matches(@"\| LABEL: backup1 +\+\|", stop.Text); // a multi-line cell continues with "+", as psql shows it
    }

    [Fact]
    public async Task The_old_backup_api_fails_as_on_postgresql_15_with_advice()
    {
        var db = await fx.CreateDatabaseAsync("curso");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        var output = await ex.SqlAsync("SELECT pg_start_backup('backup1', false); ", db);
        var expected = await PsqlReference.RunAsync(fx.Sandbox, db, "SELECT pg_start_backup('backup1', false); \n");
        Assert.Equal(expected, output.Text);
        Assert.Contains("pg_backup_start", output.FirstError!.Advice);
    }

    [Fact]
    public async Task Autovacuum_task_prints_what_psql_prints()
    {
        var ours = await fx.CreateDatabaseAsync("curso");
        var theirs = await fx.CreateDatabaseAsync("curso");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        string[] steps =
        [
            "SHOW autovacuum;\nSHOW autovacuum_vacuum_threshold;\nSHOW autovacuum_analyze_threshold;\nSHOW autovacuum_vacuum_scale_factor;\nSHOW autovacuum_analyze_scale_factor;\n",
            "CREATE TABLE test_autovacuum (id serial PRIMARY KEY, data text);\nINSERT INTO test_autovacuum (data)\nSELECT md5(random()::text) FROM generate_series(1, 1000000);\n",
            "UPDATE test_autovacuum SET data = md5(random()::text) WHERE id % 2 = 0;\nDELETE FROM test_autovacuum WHERE id % 3 = 0;\n",
        ];
        foreach (var step in steps)
        {
            var output = await ex.SqlAsync(step, ours, timeout: TimeSpan.FromMinutes(3));
            Assert.Equal(await PsqlReference.RunAsync(fx.Sandbox, theirs, step), output.Text);
        }

        var stats = await ex.SqlAsync("SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum \nFROM pg_stat_user_tables \nWHERE relname = 'test_autovacuum';\n", ours);
        Assert.Equal(["relname", "n_live_tup", "n_dead_tup", "last_vacuum", "last_autovacuum"], stats.LastResultSet!.Columns.Select(c => c.Name));
        Assert.Equal("test_autovacuum", stats.LastResultSet.Rows[0][0]);
        Assert.StartsWith("     relname     | n_live_tup | n_dead_tup | last_vacuum |", stats.Text);
    }
}
