using System.Diagnostics;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Psql;

/// <summary>
/// What an author pastes is what psql printed: run real psql, parse its output as a panel, and hold the executor's
/// structured result of the same SQL against it. Every case must pass.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class RealPsqlPanelTests(SandboxFixture fx)
{
    private async Task<string> Psql(string db, string sql, params string[] flags)
    {
        var psi = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-X", "-h", fx.Sandbox.SocketDirectory, "-p", fx.Sandbox.Port.ToString(), "-U", "postgres", "-d", db }.Concat(flags).Concat(["-c", sql]))
            psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return await stdout + await stderr;
    }

    private async Task<Verdict> PasteAndCheck(string sql, string setup = "", params string[] flags)
    {
        var db = await fx.CreateDatabaseAsync("panel");
        await using var executor = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        if (setup.Length > 0) await executor.ExecuteAsync(new SqlAction(setup) { Database = db }, Consent.None, null, null, CancellationToken.None);
        var panel = await Psql(db, sql, flags);
        var action = new SqlAction(sql) { Database = db };
        var output = await executor.ExecuteAsync(action, Consent.None, null, null, CancellationToken.None);
        var verdict = ExpectationChecker.Check(action, new Expectation { Panel = panel }, output);
        Assert.True(verdict.Status == VerdictStatus.Passed, $"{verdict.Said()}\n--- panel ---\n{panel}\n{verdict.Diff}");
        return verdict;
    }

    [Theory]
    [InlineData("SELECT 1 AS a, 'x' AS b, NULL AS c, 12.50::numeric AS price")]
    [InlineData("SELECT E'first line\\nsecond' AS note, 7 AS n, E'a\\nbb\\nccc' AS last")]
    [InlineData("SELECT 'ñandú' AS animal, '日本語' AS wide, 3 AS n")]
    [InlineData("SELECT g AS id, md5(g::text) AS hash FROM generate_series(1, 5) g ORDER BY g DESC")]
    [InlineData("SELECT 'a|b' AS piped, 'x' AS other")]
    [InlineData("SELECT relname FROM pg_class WHERE false")]
    [InlineData("SELECT now() AS at, pg_backend_pid() AS pid, pg_current_wal_lsn() AS lsn")]
    public async Task A_real_psql_table_pasted_as_a_panel_matches(string sql) => await PasteAndCheck(sql);

    [Theory]
    [InlineData("SELECT 1 AS a, E'x\\ny' AS b UNION ALL SELECT 2, 'z'")]
    [InlineData("SELECT 1 AS a WHERE false")]
    public async Task A_real_expanded_display_pasted_as_a_panel_matches(string sql) => await PasteAndCheck(sql, "", "-x");

    [Fact]
    public async Task Real_command_tags_pasted_as_a_panel_match()
    {
        await PasteAndCheck("CREATE TEMP TABLE t (v int); INSERT INTO t SELECT generate_series(1, 5); UPDATE t SET v = v + 1 WHERE v = 1; SELECT count(*) FROM t;");
    }

    [Fact]
    public async Task A_real_verbose_error_pasted_as_a_panel_matches_by_SQLSTATE()
    {
        await PasteAndCheck("SELECT pg_start_backup('x', false);", "", "-v", "VERBOSITY=verbose");
    }

    [Fact]
    public async Task A_real_notice_pasted_as_a_panel_matches()
    {
        await PasteAndCheck("DO $$ BEGIN RAISE NOTICE 'hola %', 42; END $$;");
    }

    [Fact]
    public async Task A_real_describe_pasted_as_a_panel_matches()
    {
        await PasteAndCheck("\\d t", "CREATE TABLE t (id int PRIMARY KEY, v text NOT NULL DEFAULT 'x');");
    }
}
