using System.Diagnostics;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using LabRunner.Psql;

namespace LabRunner.Tests.Execution;

[Collection(SandboxCollection.Name)]
public sealed class StepExecutorTests(SandboxFixture fx)
{
    private StepExecutor NewExecutor(ExecutionOptions? options = null) =>
        new(fx.Sandbox, options ?? new ExecutionOptions());

    [Fact]
    public async Task An_update_waits_for_the_other_sessions_commit_and_reports_waiting_for_lock()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        await ex.SqlAsync("CREATE TABLE acct (id int PRIMARY KEY, bal int); INSERT INTO acct VALUES (1, 100);", db, "a");
        var begin = await ex.SqlAsync("BEGIN;\nUPDATE acct SET bal = bal - 10 WHERE id = 1;", db, "a");
        Assert.Equal("BEGIN\nUPDATE 1\n", begin.Text);

        var progress = new RecordingProgress();
        var blocked = ex.SqlAsync("UPDATE acct SET bal = bal + 1 WHERE id = 1;", db, "b", progress: progress);
        await ExecutorHelpers.WaitUntilAsync(() => progress.Reports.Any(p => p.Activity is LockWait), TimeSpan.FromSeconds(20));
        Assert.False(blocked.IsCompleted);
        // Typed: who holds the lock (session a's server process; a row lock names no relation).
        var wait = progress.Reports.Select(p => p.Activity).OfType<LockWait>().First();
        Assert.Equal("a", wait.BlockingSession);
        Assert.Equal(ex.FindSession("a")!.BackendPid, wait.BlockedByPid);

        // Session a is not blocked by b's wait: it commits, which releases b.
        var commit = await ex.SqlAsync("COMMIT;", db, "a");
        Assert.Equal("COMMIT\n", commit.Text);
        var released = await blocked.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("UPDATE 1\n", released.Text);
        Assert.Equal(StepOutcome.Completed, released.Outcome);

        var final = await ex.SqlAsync("SELECT bal FROM acct;", db, "a");
        Assert.Equal(" bal \n-----\n  91\n(1 row)\n\n", final.Text);
    }

    [Fact]
    public async Task A_long_statement_reports_running()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var progress = new RecordingProgress();
        var output = await ex.SqlAsync("SELECT pg_sleep(1.2) IS NULL AS slept;", db, progress: progress);
        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Contains(progress.Reports, p => p.Activity is Executing && p.Elapsed >= TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public async Task Sessions_keep_their_state_across_steps_and_apart_from_each_other()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        await ex.SqlAsync("SET work_mem = '7MB';\nCREATE TEMP TABLE mine (a int);", db, "one");

        Assert.Equal(" work_mem \n----------\n 7MB\n(1 row)\n\n", (await ex.SqlAsync("SHOW work_mem;", db, "one")).Text);
        Assert.Equal(" count \n-------\n     0\n(1 row)\n\n", (await ex.SqlAsync("SELECT count(*) FROM mine;", db, "one")).Text);
        Assert.Equal(" work_mem \n----------\n 4MB\n(1 row)\n\n", (await ex.SqlAsync("SHOW work_mem;", db, "two")).Text);
        Assert.Equal("42P01", (await ex.SqlAsync("SELECT count(*) FROM mine;", db, "two")).FirstError?.SqlState);
    }

    [Fact]
    public async Task Calls_on_one_session_run_one_after_the_other()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var clock = Stopwatch.StartNew();
        var slow = ex.SqlAsync("SELECT pg_sleep(0.8);", db, "s");
        // The second call is made while the first one is on the server (not after a guessed pause).
        await using (var watch = await fx.OpenAsync(db))
            await ExecutorHelpers.WaitUntilAsync(() =>
            {
                using var cmd = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(0.8);' AND state = 'active'", watch);
                return (long)cmd.ExecuteScalar()! == 1;
            }, TimeSpan.FromSeconds(30));
        Assert.False(slow.IsCompleted);
        var quick = await ex.SqlAsync("SELECT 1;", db, "s");
        Assert.True(slow.IsCompleted, "the second call finished before the first");
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(800));
        Assert.Equal(StepOutcome.Completed, quick.Outcome);
    }

    [Fact]
    public async Task A_timed_out_statement_stops_the_step_and_leaves_the_session_usable()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        await ex.SqlAsync("SET application_name = 'kept';", db);
        var clock = Stopwatch.StartNew();
        var output = await ex.SqlAsync("SELECT 1 AS before;\nSELECT pg_sleep(30);\nSELECT 2 AS never;", db, timeout: TimeSpan.FromMilliseconds(500));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Equal(StepOutcome.TimedOut, output.Outcome);
        Assert.Equal("57014", output.FirstError?.SqlState);
        Assert.Contains("timeout", output.FirstError?.Advice);
        Assert.DoesNotContain("never", output.Text);
        var after = await ex.SqlAsync("SHOW application_name;", db);
        Assert.Equal(" application_name \n------------------\n kept\n(1 row)\n\n", after.Text);
    }

    [Fact]
    public async Task ExecutionOptions_statement_timeout_applies_when_the_step_has_none()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor(new ExecutionOptions { StatementTimeout = TimeSpan.FromMilliseconds(400) });
        var output = await ex.SqlAsync("SELECT pg_sleep(30);", db);
        Assert.Equal(StepOutcome.TimedOut, output.Outcome);
    }

    [Fact]
    public async Task A_cancelled_statement_leaves_the_session_usable()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        await ex.SqlAsync("CREATE TEMP TABLE survivor (a int); INSERT INTO survivor VALUES (7);", db);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));
        var output = await ex.SqlAsync("SELECT pg_sleep(30);", db, ct: cts.Token);

        Assert.Equal(StepOutcome.Cancelled, output.Outcome);
        Assert.Equal("ERROR:  canceling statement due to user request\n", output.Text);
        var after = await ex.SqlAsync("SELECT a FROM survivor;", db);
        Assert.Equal(" a \n---\n 7\n(1 row)\n\n", after.Text);
    }

    [Fact]
    public async Task Connect_meta_command_moves_only_that_session()
    {
        var db = await fx.CreateDatabaseAsync();
        var other = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var output = await ex.SqlAsync($"\\c {other}\nSELECT current_database() = '{other}' AS moved;", db);
        Assert.Equal($"You are now connected to database \"{other}\" as user \"postgres\".\n moved \n-------\n t\n(1 row)\n\n", output.Text);
        Assert.Equal(other, ex.FindSession(SqlAction.MainSession)?.Database);
        var later = await ex.ExecuteAsync(new SqlAction("SELECT current_database() = '" + other + "' AS still;"), Consent.None, null, null, default);
        Assert.Contains(" t\n", later.Text);
    }

    [Fact]
    public async Task Connect_to_a_missing_database_keeps_the_old_connection_as_psql_does()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        await ex.SqlAsync("CREATE TEMP TABLE mine (a int);\nINSERT INTO mine VALUES (7);", db);

        var output = await ex.SqlAsync("\\c no_such_database\nSELECT current_database() AS db, a FROM mine;", db);

        Assert.Contains("FATAL:  database \"no_such_database\" does not exist\nPrevious connection kept\n", output.Text);
        Assert.EndsWith($" {db} | 7\n(1 row)\n\n", output.Text);
        Assert.Equal(db, ex.FindSession(SqlAction.MainSession)?.Database); // the same session: its temp table is still there
    }

    [Fact]
    public async Task A_million_rows_are_counted_and_hashed_while_only_the_first_are_kept()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor(new ExecutionOptions { MaxKeptRows = 100 });
        var output = await ex.SqlAsync("SELECT g FROM generate_series(1, 1000000) g;", db);

        var rs = Assert.IsType<ResultSet>(Assert.Single(output.Results));
        Assert.Equal(1_000_000, rs.RowCount);
        Assert.Equal(100, rs.Rows.Count);
        Assert.True(rs.Truncated);
        Assert.Equal("1", rs.Rows[0][0]);
        Assert.EndsWith("(1000000 rows)\n\n", output.Text);
    }

    [Fact]
    public async Task The_rows_hash_covers_all_rows_and_tells_null_from_empty()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor(new ExecutionOptions { MaxKeptRows = 3 });
        var output = await ex.SqlAsync("SELECT g::text AS v, CASE WHEN g % 2 = 0 THEN NULL ELSE '' END AS w FROM generate_series(1, 1000) g;", db);
        var rs = output.LastResultSet!;
        var all = Enumerable.Range(1, 1000).Select(g => (IReadOnlyList<string?>)[g.ToString(), g % 2 == 0 ? null : ""]).ToList();
        Assert.Equal(RowHash.Of(all), rs.RowsHash);
        Assert.NotEqual(RowHash.Of(all.Select(r => (IReadOnlyList<string?>)[r[0], r[1] ?? ""])), rs.RowsHash);
    }

    [Fact]
    public async Task Rows_past_the_kept_ones_hash_their_text_as_kept_rows_do_wide_characters_too()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor(new ExecutionOptions { MaxKeptRows = 2 });
        var output = await ex.SqlAsync("SELECT repeat('ñ日', g) AS v FROM generate_series(1, 300) g;", db);

        var all = Enumerable.Range(1, 300).Select(g => (IReadOnlyList<string?>)[string.Concat(Enumerable.Repeat("ñ日", g))]).ToList();
        Assert.Equal(RowHash.Of(all), output.LastResultSet!.RowsHash);
        Assert.Equal("ñ日ñ日", output.LastResultSet.Rows[1][0]);
    }

    [Fact]
    public async Task Values_are_the_servers_own_text_and_columns_know_their_types()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var output = await ex.SqlAsync("SELECT 12.50::numeric(10,2) AS price, '{1,2}'::int[] AS a, NULL::int AS n, 't'::bool AS b;", db);
        var rs = output.LastResultSet!;
        Assert.Equal(["12.50", "{1,2}", null, "t"], rs.Rows[0]);
        Assert.Equal([true, false, true, false], rs.Columns.Select(c => c.RightAligned));
        Assert.Equal("numeric", rs.Columns[0].DataType.Split('(')[0]);
    }

    [Fact]
    public async Task Removed_backup_functions_get_advice_about_their_new_names()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var output = await ex.SqlAsync("SELECT pg_start_backup('backup1', false);", db);
        Assert.Equal("42883", output.FirstError?.SqlState);
        Assert.Contains("pg_backup_start", output.FirstError?.Advice);
        Assert.DoesNotContain("pg_backup_start", output.Text); // the text stays psql's own
    }

    [Fact]
    public async Task Undefined_table_and_column_get_the_closest_name()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        await ex.SqlAsync("CREATE TABLE test_autovacuum (id int, data text);", db);
        var table = await ex.SqlAsync("SELECT * FROM test_autovacum;", db);
        Assert.Contains("\"test_autovacuum\"", table.FirstError?.Advice);
        var column = await ex.SqlAsync("SELECT dta FROM test_autovacuum;", db);
        Assert.Contains("\"data\"", column.FirstError?.Advice);
    }

    [Fact]
    public async Task Sql_is_sent_as_given_the_executor_substitutes_no_variables()
    {
        // LabRun substitutes {{variables}} once; text that still looks like one reaches the server as written.
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var output = await ex.SqlAsync("SELECT '{{label}}' AS l, '{{ pg_major }}' AS m;", db);
        Assert.Equal(["{{label}}", "{{ pg_major }}"], output.LastResultSet!.Rows[0]);
    }

    [Fact]
    public async Task Errors_do_not_stop_the_rest_of_the_step_like_psql()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var output = await ex.SqlAsync("SELECT nope;\nSELECT 1 AS after;", db);
        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.Equal(2, output.Results.Count);
        Assert.IsType<ResultSet>(output.Results[1]);
    }

    [Fact]
    public async Task A_lock_wait_names_the_session_that_holds_the_lock_and_the_relation()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = new StepExecutor(new LabRunner.Tests.Checking.DatabaseTarget(fx.Sandbox, db)); // the lab's database
        await ex.SqlAsync("CREATE TABLE l (id int); BEGIN; LOCK TABLE l IN ACCESS EXCLUSIVE MODE;", db, "alice");
        var progress = new RecordingProgress();
        var blocked = ex.SqlAsync("SELECT * FROM l;", db, "bob", progress: progress);

        await ExecutorHelpers.WaitUntilAsync(() => progress.Reports.Any(p => p.Activity is LockWait { Relation: not null }), TimeSpan.FromSeconds(20));

        var wait = progress.Reports.Select(p => p.Activity).OfType<LockWait>().First(w => w.Relation is not null);
        Assert.Equal(new LockWait(ex.FindSession("alice")!.BackendPid, "alice", "l"), wait);
        await ex.SqlAsync("COMMIT;", db, "alice");
        Assert.Equal(StepOutcome.Completed, (await blocked.WaitAsync(TimeSpan.FromSeconds(20))).Outcome);
    }

    [Fact]
    public async Task Disposing_the_executor_cancels_a_step_that_waits_on_a_lock()
    {
        var db = await fx.CreateDatabaseAsync();
        var ex = NewExecutor();
        await ex.SqlAsync("CREATE TABLE l (id int); INSERT INTO l VALUES (1);", db, "a");
        await ex.SqlAsync("BEGIN; LOCK TABLE l IN ACCESS EXCLUSIVE MODE;", db, "a");
        var progress = new RecordingProgress();
        var blocked = ex.SqlAsync("SELECT * FROM l;", db, "b", progress: progress);
        await ExecutorHelpers.WaitUntilAsync(() => progress.Reports.Any(p => p.Activity is LockWait), TimeSpan.FromSeconds(20));

        await ex.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(StepOutcome.Cancelled, (await blocked).Outcome);
    }
}
