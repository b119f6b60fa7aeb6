using System.Diagnostics;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Psql;

/// <summary>
/// What an author pastes is what psql printed: run real psql (its exit code checked too), parse its output as a panel,
/// and hold the executor's structured result of the same SQL against it. Every true paste must pass, and a paste with one
/// thing changed must fail, naming what changed.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class RealPsqlPanelTests(SandboxFixture fx)
{
    /// <summary>psql -c SQL: what it printed (stdout then stderr) and its exit code (0 ok, 1 when the statement failed).</summary>
    private async Task<(string Output, int ExitCode)> Psql(string db, string sql, params string[] flags)
    {
        var psi = new ProcessStartInfo("psql") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-X", "-h", fx.Sandbox.SocketDirectory, "-p", fx.Sandbox.Port.ToString(), "-U", "postgres", "-d", db }.Concat(flags).Concat(["-c", sql]))
            psi.ArgumentList.Add(a);
        // The caller's settings must not reach the reference (PGOPTIONS could set a search_path, PGTZ a time zone).
        foreach (var name in new[] { "PGOPTIONS", "PGTZ", "PGDATESTYLE", "PGCLIENTENCODING", "PSQLRC", "PSQL_PAGER", "PAGER" }) psi.Environment.Remove(name);
        psi.Environment["LC_ALL"] = "C.UTF-8";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (await stdout + await stderr, p.ExitCode);
    }

    private async Task<Verdict> PasteAndCheck(string sql, string setup = "", params string[] flags) =>
        await CheckPaste(sql, setup, panel => panel, VerdictStatus.Passed, 0, flags);

    /// <summary>Pastes real psql output, changed by <paramref name="change"/>, and checks the step's output against it.</summary>
    private async Task<Verdict> CheckPaste(string sql, string setup, Func<string, string> change, VerdictStatus expected, int psqlExit,
        params string[] flags)
    {
        var db = await fx.CreateDatabaseAsync("panel");
        await using var executor = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        if (setup.Length > 0) await executor.ExecuteAsync(new SqlAction(setup) { Database = db }, Consent.None, null, null, CancellationToken.None);
        var (printed, exit) = await Psql(db, sql, flags);
        Assert.True(exit == psqlExit, $"psql exited {exit}, expected {psqlExit}:\n{printed}");
        var panel = change(printed);
        Assert.True(expected == VerdictStatus.Passed || panel != printed, "the change changed nothing");
        var action = new SqlAction(sql) { Database = db };
        var output = await executor.ExecuteAsync(action, Consent.None, null, null, CancellationToken.None);
        var verdict = ExpectationChecker.Check(action, new Expectation { Panel = panel }, output);
        Assert.True(verdict.Status == expected, $"{verdict.Status}: {verdict.Said()}\n--- panel ---\n{panel}\n{verdict.Diff}");
        return verdict;
    }

    [Fact]
    public async Task A_paste_with_one_cell_changed_fails_and_names_the_cell()
    {
        var verdict = await CheckPaste("SELECT 1 AS a, 'x' AS b, 12.50::numeric AS price", "", p => p.Replace("12.50", "12.51"), VerdictStatus.Failed, 0);
        Assert.Equal("row 1, price: expected 12.51, got 12.50", verdict.Said());
    }

    [Fact]
    public async Task A_paste_with_a_row_missing_fails_on_the_count()
    {
        var verdict = await CheckPaste("SELECT g AS id FROM generate_series(1, 3) g ORDER BY g", "",
            p => p.Replace("  3\n", "").Replace("(3 rows)", "(2 rows)"), VerdictStatus.Failed, 0);
        Assert.IsType<RowCountDiffers>(verdict.Reason);
    }

    [Fact]
    public async Task A_paste_with_a_renamed_column_fails_on_the_columns()
    {
        var verdict = await CheckPaste("SELECT 1 AS a, 2 AS b", "", p => p.Replace(" b ", " c "), VerdictStatus.Failed, 0);
        Assert.IsType<ColumnsDiffer>(verdict.Reason);
    }

    [Fact]
    public async Task A_paste_of_another_error_fails_on_the_SQLSTATE()
    {
        var verdict = await CheckPaste("SELECT pg_start_backup('x', false);", "", p => p.Replace("42883", "42P01"), VerdictStatus.Failed, 1,
            "-v", "VERBOSITY=verbose");
        Assert.IsType<WrongError>(verdict.Reason);
    }

    [Fact]
    public async Task A_paste_of_another_notice_fails_on_the_notice()
    {
        var verdict = await CheckPaste("DO $$ BEGIN RAISE NOTICE 'hola %', 42; END $$;", "", p => p.Replace("hola 42", "hola 43"), VerdictStatus.Failed, 0);
        Assert.IsType<NoticeMissing>(verdict.Reason);
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
        await CheckPaste("SELECT pg_start_backup('x', false);", "", p => p, VerdictStatus.Passed, 1, "-v", "VERBOSITY=verbose");
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
