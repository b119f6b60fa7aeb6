using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using Npgsql;
using static LabRunner.Tests.Checking.Outputs;
using LabRunner.Psql;
using LabRunner.Running;
using LabRunner.Text;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

public class LabRunTests
{
    /// <summary>A target that is never connected to: LabRun only asks it for the version and the variables.</summary>
    internal sealed class FakeTarget(int major) : IServerTarget
    {
        public string Description => "fake";
        public bool IsSandbox => true;
        public string Version => $"{major}.1";
        public int MajorVersion => major;
        public string Database => "curso";
        public string? Data { get; init; } = "/data";
        public string? DataDirectory => Data;
        public string WorkDirectory => "/work";
        public NpgsqlConnectionStringBuilder ConnectionString(string? database = null) => new() { Host = "/sock", Port = 5432, Username = "postgres", Database = database ?? Database };
        public IReadOnlyDictionary<string, string> PgEnvironment(string? database = null) => new Dictionary<string, string>();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private static Step Sql(string id, string sql, Expectation? expect = null) => new() { Id = id, Title = id, Action = new SqlAction(sql), Expect = expect };

    private static Lab LabOf(params LabTask[] tasks) => new() { Id = "demo", Title = "Demo", Tasks = tasks };

    private static LabTask Task(string id, params Step[] steps) => new() { Id = id, Title = id, Steps = steps };

    private static Expectation One(string value) => new() { Columns = ["n"], Rows = [[value]] };

    [Fact]
    public async Task A_background_statement_that_has_not_reached_its_lock_yet_holds_the_next_step_back()
    {
        // On a loaded server the blocked UPDATE's first report may come before it waits on the row lock: the other
        // session's COMMIT must not be sent then, or the lab shows no wait at all (the flaky blocked-update test).
        var blocked = new Step { Id = "b", Title = "b", Action = new SqlAction("UPDATE", "B"), Background = true };
        var commit = new Step { Id = "a", Title = "a", Action = new SqlAction("COMMIT", "A") };
        var commitStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commitBeforeLock = false;
        var executor = new ScriptedExecutor(async (action, _, progress, ct) =>
        {
            if (action.Command == "COMMIT") { commitStarted.TrySetResult(); return Of(new CommandTag("COMMIT")); }
            progress!.Report(new StepProgress(new Executing(), TimeSpan.FromMilliseconds(300)));
            // Time enough for the lab to (wrongly) go on: the COMMIT would start within it.
            commitBeforeLock = await System.Threading.Tasks.Task.WhenAny(commitStarted.Task, System.Threading.Tasks.Task.Delay(1000, ct)) == commitStarted.Task;
            progress.Report(new StepProgress(new LockWait(42, "A", "cuentas"), TimeSpan.FromMilliseconds(1300)));
            await commitStarted.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            return Of(new CommandTag("UPDATE 1"));
        });
        var run = new LabRun(LabOf(Task("t", blocked, commit)), new FakeTarget(15), executor, new LabRunOptions { PaceAfterLockWait = TimeSpan.Zero });

        var results = await run.RunAllAsync(null, CancellationToken.None);

        Assert.False(commitBeforeLock, "the COMMIT was sent while the UPDATE had not reached its lock yet");
        Assert.All(results, r => Assert.Equal(VerdictStatus.Ran, r.Verdict.Status)); // nothing expected: ran, without error
    }

    [Fact]
    public async Task A_step_captures_a_value_for_the_steps_after_it()
    {
        var noted = new Step { Id = "n", Title = "n", Action = new SqlAction("SELECT now();"), Captures = new Dictionary<string, string> { ["t3"] = "now" } };
        var used = new Step { Id = "u", Title = "u", Action = new EditAction("/etc/postgresql/15/main/postgresql.conf", "recovery_target_time = '{{t3}}'") };
        var executor = new ScriptedExecutor((action, _, _, _) => System.Threading.Tasks.Task.FromResult(action is SqlAction ? Of(Table(["now"], ["2026-12-02 14:19:19.05+00"])) : Of()));
        var run = new LabRun(LabOf(Task("t", noted, used)), new FakeTarget(15), executor);

        await run.RunAllAsync(null, CancellationToken.None);

        Assert.Equal(["SELECT now();", "recovery_target_time = '2026-12-02 14:19:19.05+00'"], executor.Commands);
    }

    [Fact]
    public async Task Version_variants_and_variables_are_applied_before_executing()
    {
        var step = new Step
        {
            Id = "s",
            Title = "s",
            Action = new SqlAction("SELECT pg_start_backup('x', false);"),
            Variants = [new StepVariant(new VersionRange(15, null), new SqlAction("SELECT pg_backup_start('x', false);"))],
        };
        var copy = new Step { Id = "c", Title = "c", Action = new ShellAction("rsync {{data_directory}}/ {{backup_dir}}/") };
        var lab = LabOf(Task("t", step, copy)) with { Variables = new Dictionary<string, string> { ["backup_dir"] = "{{workdir}}/backup1" } };
        var executor = new ScriptedExecutor((_, _, _, _) => System.Threading.Tasks.Task.FromResult(Of(Table(["n"], ["1"]))));
        var run = new LabRun(lab, new FakeTarget(15), executor, new LabRunOptions { Consent = Consent.Shell });

        await run.RunAllAsync(null, CancellationToken.None);

        Assert.Equal(["SELECT pg_backup_start('x', false);", "rsync /data/ /work/backup1/"], executor.Commands);
    }

    [Fact]
    public async Task Shell_steps_are_skipped_without_allow_shell_and_say_how_to_run_them()
    {
        var lab = LabOf(Task("t", new Step { Id = "c", Title = "c", Action = new ShellAction("echo hi") }));
        var executor = new ScriptedExecutor((_, _, _, _) => throw new InvalidOperationException("must not run"));
        var run = new LabRun(lab, new FakeTarget(15), executor);

        var result = Assert.Single(await run.RunAllAsync(null, CancellationToken.None));

        Assert.Equal(VerdictStatus.Skipped, result.Verdict.Status);
        Assert.Equal(new NotAllowed(Consent.Shell), result.Verdict.Reason);
        Assert.Equal("shell step not run: pass --allow-shell to run the lab's shell commands", result.Verdict.Said());
        Assert.Empty(executor.Commands);
    }

    [Fact]
    public async Task A_config_edit_that_sets_a_program_setting_needs_consent_and_a_plain_one_does_not()
    {
        const string conf = "/etc/postgresql/15/main/postgresql.conf";
        var archive = new Step { Id = "a", Title = "a", Action = new EditAction(conf, "wal_level = replica\narchive_command = 'touch /tmp/owned'\n") };
        var plain = new Step { Id = "p", Title = "p", Action = new EditAction(conf, "wal_level = replica\n#archive_command = 'cp %p /x'\n") };
        var hba = new Step { Id = "h", Title = "h", Action = new EditAction("/etc/postgresql/15/main/pg_hba.conf", "host all all 127.0.0.1/32 trust\n") };
        var executor = new ScriptedExecutor((_, _, _, _) => System.Threading.Tasks.Task.FromResult(Shell(0, "")));
        var run = new LabRun(LabOf(Task("t", archive, plain, hba)), new FakeTarget(15), executor);

        var results = await run.RunAllAsync(null, CancellationToken.None);

        Assert.Equal(new NotAllowed(Consent.ServerProgram), results[0].Verdict.Reason);
        Assert.Equal("line 2: postgresql.conf: archive_command makes the server run a program",
            SqlEffects.Describe(ConsentRules.ProgramsIn(archive.Action)));
        Assert.Equal([plain.Action.Command, hba.Action.Command], executor.Commands); // only the two harmless edits ran
    }

    [Fact]
    public async Task Consent_is_per_request_a_step_runs_a_shell_command_only_when_its_request_grants_it()
    {
        var step = new Step { Id = "c", Title = "c", Action = new ShellAction("echo hi") };
        var task = Task("t", step);
        var executor = new ScriptedExecutor((_, _, _, _) => System.Threading.Tasks.Task.FromResult(Shell(0, "hi\n")));
        var run = new LabRun(LabOf(task), new FakeTarget(15), executor);

        var refused = await run.RunStepAsync(task, step, null, Consent.None, CancellationToken.None);
        Assert.Equal(new NotAllowed(Consent.Shell), refused.Verdict.Reason);
        Assert.Empty(executor.Commands);

        var allowed = await run.RunStepAsync(task, step, null, Consent.Shell, CancellationToken.None);
        Assert.Equal(VerdictStatus.Ran, allowed.Verdict.Status);
        Assert.Equal(["echo hi"], executor.Commands);

        // The grant was for that request only.
        var again = await run.RunStepAsync(task, step, null, Consent.None, CancellationToken.None);
        Assert.Equal(VerdictStatus.Skipped, again.Verdict.Status);
        Assert.Single(executor.Commands);
    }

    [Fact]
    public async Task A_shell_step_with_a_variable_that_has_no_value_is_not_run()
    {
        var target = new FakeTarget(15) { Data = null };
        var step = new Step { Id = "c", Title = "c", Action = new ShellAction("rsync {{data_directory}}/ {{workdir}}/b") };
        var executor = new ScriptedExecutor((_, _, _, _) => throw new InvalidOperationException("must not run"));
        var run = new LabRun(LabOf(Task("t", step)), target, executor, new LabRunOptions { Consent = Consent.Shell });

        var result = Assert.Single(await run.RunAllAsync(null, CancellationToken.None));

        Assert.Equal(VerdictStatus.Failed, result.Verdict.Status);
        Assert.Equal(["data_directory"], Assert.IsType<UnknownVariables>(result.Verdict.Reason).Names);
        Assert.StartsWith("not run: the command uses {{data_directory}}, which has no value on this server", result.Verdict.Said());
        Assert.Empty(executor.Commands);
    }

    [Fact]
    public async Task Eventually_reruns_until_the_output_matches_and_reports_how_long_it_took()
    {
        var step = Sql("wait", "SELECT n", One("3") with { Eventually = new Eventually(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)) });
        var executor = new ScriptedExecutor((_, call, _, _) => System.Threading.Tasks.Task.FromResult(Of(Table(["n"], [call.ToString()]))));
        var run = new LabRun(LabOf(Task("t", step)), new FakeTarget(15), executor, new LabRunOptions { ProgressInterval = TimeSpan.FromMilliseconds(20) });
        var countdowns = new List<StepWaiting>();
        run.Event += (_, e) => { if (e is StepWaiting p) lock (countdowns) countdowns.Add(p); };

        var result = Assert.Single(await run.RunAllAsync(null, CancellationToken.None));

        Assert.Equal(VerdictStatus.Passed, result.Verdict.Status);
        Assert.Equal(3, result.Attempts);
        Assert.Matches(@"^output matches \(after (\d+ ms|\d+\.\d s)\)$", result.Verdict.Said()); // ms below a second, else seconds (a loaded machine)
        Assert.Contains(countdowns, p => p.Remaining is not null && p.Reason is EventuallyRetry);
        var retry = countdowns.Select(p => p.Reason).OfType<EventuallyRetry>().First();
        Assert.IsType<CellDiffers>(retry.LastMismatch);
        Assert.Equal("waiting until the output matches (last: row 1, n: expected 3, got 1)", Catalogue.English.Say(retry));
    }

    [Fact]
    public async Task Eventually_gives_up_after_within_and_shows_the_last_mismatch()
    {
        var step = Sql("wait", "SELECT n", One("0") with { Eventually = new Eventually(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(50)) });
        var executor = new ScriptedExecutor((_, _, _, _) => System.Threading.Tasks.Task.FromResult(Of(Table(["n"], ["833333"]))));
        var run = new LabRun(LabOf(Task("t", step)), new FakeTarget(15), executor);

        var result = Assert.Single(await run.RunAllAsync(null, CancellationToken.None));

        Assert.Equal(VerdictStatus.Failed, result.Verdict.Status);
        Assert.Matches(@"^still not matching after \d+(\.\d)? m?s \(\d+ attempts\): row 1, n: expected 0, got 833333$", result.Verdict.Said());
        Assert.True(result.Attempts >= 2);
    }

    [Fact]
    public async Task An_eventually_step_about_locks_is_never_taken_for_a_step_waiting_for_a_lock()
    {
        // The mismatch quotes pg_locks' words (AccessExclusiveLock): only typed data may say a step waits for a lock.
        var step = Sql("locks", "SELECT mode FROM pg_locks", new Expectation { Columns = ["mode"], Rows = [["AccessExclusiveLock"]] }
            with { Eventually = new Eventually(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)) });
        var executor = new ScriptedExecutor((action, call, _, _) =>
            System.Threading.Tasks.Task.FromResult(Of(Table(["mode"], [call < 3 ? "RowShareLock" : "AccessExclusiveLock"]))));
        var run = new LabRun(LabOf(Task("t", step, Sql("after", "after", new Expectation { Columns = ["mode"], Rows = [["AccessExclusiveLock"]] }))),
            new FakeTarget(15), executor, new LabRunOptions { ProgressInterval = TimeSpan.FromMilliseconds(20) });
        var events = new List<RunEvent>();
        run.Event += (_, e) => { lock (events) events.Add(e); };

        var results = await run.RunAllAsync(null, CancellationToken.None);

        Assert.Equal(VerdictStatus.Passed, results[0].Verdict.Status);
        Assert.Contains(events, e => e is StepWaiting { Reason: EventuallyRetry });
        Assert.DoesNotContain(events, e => e is StepDetached || e is StepWaiting { Reason: LockWait });
        // Not detached: the step after it started only once it had finished.
        var order = events.Select(e => $"{e.GetType().Name} {e.Step.Id}").ToList();
        Assert.True(order.IndexOf("StepFinished locks") < order.IndexOf("StepStarted after"));
    }

    [Fact]
    public async Task Eventually_speaks_Spanish_when_the_screen_is_in_Spanish()
    {
        var passes = Sql("pasa", "SELECT n", One("3") with { Eventually = new Eventually(TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(50)) });
        var fails = Sql("falla", "SELECT m", One("0") with { Eventually = new Eventually(TimeSpan.FromSeconds(1), TimeSpan.FromMilliseconds(50)) });
        var executor = new ScriptedExecutor((action, call, _, _) =>
            System.Threading.Tasks.Task.FromResult(Of(Table(["n"], [action.Command == "SELECT n" ? call.ToString() : "833333"]))));
        var run = new LabRun(LabOf(Task("t", passes, fails)), new FakeTarget(15), executor,
            new LabRunOptions { ProgressInterval = TimeSpan.FromMilliseconds(20) });
        var es = Catalogue.Spanish;
        var countdowns = new List<StepWaiting>();
        run.Event += (_, e) => { if (e is StepWaiting p) lock (countdowns) countdowns.Add(p); };

        var results = await run.RunAllAsync(null, CancellationToken.None);

        Assert.Matches(@"^la salida coincide \(tras \d+ ms\)$", es.Say(results[0].Verdict));
        Assert.Contains(es.Notes(results[0].Verdict), n => n.StartsWith("coincidió tras "));
        Assert.Matches(@"^sigue sin coincidir tras \d+(,\d)? m?s \(\d+ intentos\): fila 1, n: se esperaba 0, se obtuvo 833333$", es.Say(results[1].Verdict));
        Assert.Contains(countdowns, p => es.Say(p.Reason).StartsWith("esperando a que la salida coincida"));
    }

    [Fact]
    public async Task A_step_waiting_for_a_lock_does_not_block_the_steps_after_it()
    {
        var released = new TaskCompletionSource();
        var executor = new ScriptedExecutor(async (action, _, progress, ct) =>
        {
            if (action.Command == "blocked")
            {
                progress?.Report(new StepProgress(new LockWait(4242, "main", "t"), TimeSpan.Zero));
                await released.Task.WaitAsync(ct);
            }
            if (action.Command == "commit") released.SetResult();
            return Of(new CommandTag("OK"));
        });
        var lab = LabOf(Task("t", Sql("lock", "lock"), Sql("blocked", "blocked"), Sql("commit", "commit")));
        var run = new LabRun(lab, new FakeTarget(15), executor);
        var events = new List<string>();
        var details = new List<StepDetached>();
        run.Event += (_, e) => { lock (events) { events.Add($"{e.GetType().Name} {e.Step.Id}"); if (e is StepDetached d) details.Add(d); } };

        var results = await run.RunAllAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(["lock", "blocked", "commit"], results.Select(r => r.Step.Id));
        Assert.All(results, r => Assert.Equal(VerdictStatus.Ran, r.Verdict.Status));
        Assert.Contains("StepDetached blocked", events);
        Assert.Contains(details, d => d.Lock == new LockWait(4242, "main", "t"));
        Assert.True(events.IndexOf("StepStarted commit") < events.IndexOf("StepFinished blocked"));
    }

    [Fact]
    public async Task Checks_run_after_their_task_and_the_filter_picks_a_step()
    {
        var task = Task("t", Sql("a", "a"), Sql("b", "b")) with { Checks = [Sql("ok", "check")] };
        var executor = new ScriptedExecutor((_, _, _, _) => System.Threading.Tasks.Task.FromResult(Of(Table(["n"], ["1"]))));
        var run = new LabRun(LabOf(task), new FakeTarget(15), executor);

        await run.RunAllAsync(null, CancellationToken.None);
        Assert.Equal(["a", "b", "check"], executor.Commands);

        executor.Commands.Clear();
        await run.RunAllAsync(new LabRunFilter(StepId: "b"), CancellationToken.None);
        Assert.Equal(["b"], executor.Commands);

        var error = await Assert.ThrowsAsync<UserErrorException>(() => run.RunAllAsync(new LabRunFilter(StepId: "zz"), CancellationToken.None));
        Assert.Contains("steps: a, b, ok", error.Message);
    }

    [Fact]
    public async Task An_executor_exception_is_an_error_verdict_and_the_run_goes_on()
    {
        var executor = new ScriptedExecutor((action, _, _, _) => action.Command == "boom"
            ? throw new NpgsqlException("connection lost")
            : System.Threading.Tasks.Task.FromResult(Of(Table(["n"], ["1"]))));
        var run = new LabRun(LabOf(Task("t", Sql("x", "boom"), Sql("y", "fine"))), new FakeTarget(15), executor);

        var results = await run.RunAllAsync(null, CancellationToken.None);

        Assert.Equal(VerdictStatus.Error, results[0].Verdict.Status);
        Assert.Equal("could not run the step: connection lost", results[0].Verdict.Said());
        Assert.Equal(VerdictStatus.Ran, results[1].Verdict.Status);
        var summary = run.Summary;
        Assert.Equal((0, 1, 0, 1), (summary.Passed, summary.Failed, summary.Skipped, summary.Ran));
    }

    [Fact]
    public async Task Setup_SQL_runs_once_before_the_first_step()
    {
        var executor = new ScriptedExecutor((_, _, _, _) => System.Threading.Tasks.Task.FromResult(Of(new CommandTag("CREATE TABLE"))));
        var lab = LabOf(Task("t", Sql("a", "a"))) with { Server = new ServerRequirements { Setup = "CREATE TABLE x();" } };
        var run = new LabRun(lab, new FakeTarget(15), executor);

        await run.RunAllAsync(null, CancellationToken.None);
        await run.RunAllAsync(null, CancellationToken.None);

        Assert.Equal(["CREATE TABLE x();", "a", "a"], executor.Commands);
    }
}
