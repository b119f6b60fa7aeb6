using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;
using LabRunner.Running;

namespace LabRunner.Tests.Tui;

/// <summary>The lab screen on the real engine (LabRun + StepExecutor) against the test sandbox, each test in its own database.</summary>
[Collection(SandboxCollection.Name)]
public sealed class LabScreenSandboxTests(SandboxFixture fx)
{
    private static Lab Lab(string database) => new()
    {
        Id = "screen-sandbox",
        Title = "Screen against a sandbox",
        Server = new ServerRequirements { Database = database },
        Tasks =
        [
            new LabTask
            {
                Id = "t", Title = "Task",
                Steps =
                [
                    new Step { Id = "show", Title = "Show", Action = new SqlAction("SHOW autovacuum;"),
                        Expect = new Expectation { Panel = " autovacuum \n------------\n on\n(1 row)\n" } },
                    new Step { Id = "count", Title = "Count", Action = new SqlAction("SELECT 7 AS n, 'x' AS label;"),
                        Expect = new Expectation { Columns = ["n", "label"], Rows = [["0", "x"]] } },
                    new Step { Id = "sleep", Title = "Sleep", Action = new SqlAction("SELECT pg_sleep(60);") },
                    new Step { Id = "after", Title = "After", Action = new SqlAction("SELECT 'still usable' AS state;") },
                ],
            },
        ],
    };

    private (Lab, LabRunStepRunner) Start(LabRunOptions? options = null) => Start(Lab, options);

    private (Lab, LabRunStepRunner) Start(Func<string, Lab> labIn, LabRunOptions? options = null) => Task.Run(() => StartOn(labIn, options)).GetAwaiter().GetResult();

    private async Task<(Lab, LabRunStepRunner)> StartOn(Func<string, Lab> labIn, LabRunOptions? options = null)
    {
        var database = await fx.CreateDatabaseAsync("screen");
        var lab = labIn(database);
        var runner = await LabRunStepRunner.StartAsync(lab,
            ct => ExistingServer.ConnectAsync(fx.Sandbox.ConnectionString(database).ConnectionString, null, ct).ContinueWith(t => (IServerTarget)t.Result, ct),
            (target, o) => new StepExecutor(target, o), options, CancellationToken.None);
        return (lab, runner);
    }

    [Fact]
    public void Running_a_step_shows_psql_output_and_the_step_passes()
    {
        var (lab, runner) = Start();
        RunOnScreen(lab, runner, h =>
        {
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            var screen = h.Text;
            Assert.Contains("✓ Show", screen);
            Assert.Contains("✓ Passed", screen);
            Assert.Contains(" autovacuum", screen);
            Assert.Contains(" on", screen);
            Assert.Contains("1/4 done", screen);
        });
    }

    [Fact]
    public void With_lang_es_the_verdict_line_is_in_Spanish()
    {
        var text = Catalogue.Resolve("es");
        var (lab, runner) = Start();
        RunOnScreen(lab, runner, h =>
        {
            h.Press(Key.F8, Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            var screen = h.Text;
            Assert.Contains("fila 1, n: se esperaba 0, se obtuvo 7", screen);
            Assert.DoesNotContain("expected", screen);
        }, width: 140, text: text);
    }

    [Fact]
    public void A_wrong_cell_fails_with_words_and_the_cell_highlighted()
    {
        var (lab, runner) = Start();
        RunOnScreen(lab, runner, h =>
        {
            h.Press(Key.F8, Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            var screen = h.Text;
            Assert.Contains("✗ Count", screen);
            Assert.Contains("✗ Failed", screen);
            Assert.Contains("n: expected 0, got 7", screen);
            var cell = Assert.Single(h.Screen.Actual.Highlights);
            Assert.Equal("7", h.Screen.Actual.Lines[cell.Line].Substring(cell.Start, cell.Length).Trim());
        }, width: 140);
    }

    [Fact]
    public void Esc_cancels_a_long_statement_and_the_session_stays_usable()
    {
        var (lab, runner) = Start();
        RunOnScreen(lab, runner, h =>
        {
            h.Session.Select(2);
            h.Press(Key.F5);
            h.WaitUntil(() => h.Session.Elapsed > TimeSpan.FromMilliseconds(500));
            Assert.Contains("running", h.Text);
            h.Press(Key.Esc);
            h.WaitUntil(() => !h.Session.IsBusy, timeoutMs: 10_000);
            Assert.Contains("Cancelled", h.Text);
            h.Press(Key.F8, Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains("still usable", h.Text);
            Assert.Contains("● After", h.Text); // ran (nothing expected of it)
        });
    }

    [Fact]
    public void Restarting_the_lab_gives_a_fresh_sandbox()
    {
        var lab = new Lab
        {
            Id = "restart",
            Title = "Restart",
            Server = new ServerRequirements { Database = "curso" },
            Tasks = [new LabTask { Id = "t", Title = "Task", Steps = [new Step { Id = "create", Title = "Create", Action = new SqlAction("CREATE TABLE once (x int);") }] }],
        };
        var runner = OnOwnSandbox(lab);
        var first = ((Sandbox)runner.Target).Directory;
        RunOnScreen(lab, runner, h =>
        {
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Equal(QuestionKind.Completed, h.Session.Pending?.Kind); // the only step: the lab is done
            h.Press(Key.Esc);
            Assert.Contains("CREATE TABLE", h.Text);
            Assert.Contains("Task (1/1)", h.Text); // the step ran: done in its task's count as in the header's
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains("already exists", h.Text); // same database: the table is there

            h.Press(Key.R.WithCtrl, Key.Y); // Enter would answer No: the default for throwing work away
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.False(Directory.Exists(first), "the old sandbox should be removed");
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains("● Done", h.Text); // a fresh database: created again (nothing expected: done, not passed)
        });
    }

    /// <summary>The course's two-terminal exercise: session B's UPDATE waits for A's lock while the student runs A's COMMIT.</summary>
    private static Lab TwoSessions(string database) => new()
    {
        Id = "two-sessions",
        Title = "Two sessions",
        Server = new ServerRequirements { Database = database, Setup = "CREATE TABLE cuentas (id int PRIMARY KEY, saldo int); INSERT INTO cuentas VALUES (1, 500);" },
        Tasks =
        [
            new LabTask
            {
                Id = "t", Title = "Task",
                Steps =
                [
                    new Step { Id = "a-update", Title = "A updates", Action = new SqlAction("BEGIN; UPDATE cuentas SET saldo = saldo - 100 WHERE id = 1;", "A") },
                    new Step { Id = "b-update", Title = "B waits", Action = new SqlAction("UPDATE cuentas SET saldo = saldo + 50 WHERE id = 1;", "B"),
                        Expect = new Expectation { Panel = "UPDATE 1\n" } },
                    new Step { Id = "a-commit", Title = "A commits", Action = new SqlAction("COMMIT;", "A") },
                    new Step { Id = "b-read", Title = "B reads", Action = new SqlAction("SELECT saldo FROM cuentas;", "B") },
                ],
            },
        ],
    };

    [Fact]
    public void A_session_left_waiting_for_a_lock_goes_on_waiting_while_the_other_session_commits()
    {
        var (lab, runner) = Start(TwoSessions);
        RunOnScreen(lab, runner, h =>
        {
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            h.Press(Key.F8, Key.F5);
            h.WaitUntil(() => h.Session.Activity?.Activity is LockWait);
            Assert.True(h.Text.Contains("waiting for lock held by session A", StringComparison.Ordinal), h.Text);
            Assert.Contains("Command · session B", h.Text); // where it runs, as the course's terminals

            // B is busy: its next step says so instead of queueing behind the wait.
            h.Session.Select(3);
            h.Press(Key.F5);
            Assert.Contains("This step's session is still running “B waits”", h.Text);
            Assert.Contains("B waits: running", h.Text); // the activity line names the step it speaks of

            h.Press(Key.F7, Key.F5); // A's COMMIT runs beside B's wait and releases it
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains("✓ B waits", h.Text);
            Assert.Contains("● A commits", h.Text);
            Assert.Equal(VerdictStatus.Passed, h.Session.ResultOf(h.Session.Steps[1])!.Verdict.Status);
        }, width: 140);
    }

    [Fact]
    public void A_replay_goes_past_a_step_left_waiting_for_a_lock_as_check_does()
    {
        var store = new LabRunner.Progress.ProgressStore(Path.Combine(Path.GetTempPath(), "lr-replay-" + Guid.NewGuid().ToString("N")));
        try
        {
            var (lab, runner) = Start(TwoSessions);
            Assert.Equal(lab.Id, TwoSessions("curso").Id); // the saved progress is the same lab's
            RunOnScreen(lab, runner, h =>
            {
                h.Press(Key.F5);
                h.WaitUntil(() => !h.Session.IsBusy);
                h.Press(Key.F8, Key.F5);
                h.WaitUntil(() => h.Session.Activity?.Activity is LockWait);
                h.Press(Key.F8, Key.F5);
                h.WaitUntil(() => !h.Session.IsBusy);
                h.Press(Key.F8, Key.F5);
                h.WaitUntil(() => !h.Session.IsBusy);
                Assert.Equal(4, h.Session.DoneCount);
            }, store: store);

            // A new sandbox: the replay runs them again; B's UPDATE waits for A's lock and the replay goes on to A's COMMIT.
            var again = TwoSessions("curso");
            RunOnScreen(again, OnOwnSandbox(again), h =>
            {
                h.Press(Key.Enter); // replay, the default
                h.WaitUntil(() => !h.Session.IsBusy && !h.Session.Replaying, timeoutMs: 20_000);
                Assert.Equal(4, h.Session.DoneCount);
                Assert.Equal(VerdictStatus.Passed, h.Session.ResultOf(h.Session.Steps[1])!.Verdict.Status);
            }, store: store, offerResume: true);
        }
        finally
        {
            if (Directory.Exists(store.Directory)) Directory.Delete(store.Directory, recursive: true);
        }
    }

    private static LabRunStepRunner OnOwnSandbox(Lab lab) => Task.Run(() => LabRunStepRunner.StartAsync(lab,
        async ct => (IServerTarget)await Sandbox.StartAsync(new SandboxOptions { Database = "curso", RootDirectory = TestPaths.SandboxRoot }, ct),
        (target, options) => new StepExecutor(target, options), null, CancellationToken.None)).GetAwaiter().GetResult();

    // No awaits in these tests: once the screen exists, this thread's sync context is its main loop's.
    private static void RunOnScreen(Lab lab, IStepRunner runner, Action<ScreenHarness> body, int width = 100, Catalogue? text = null,
        LabRunner.Progress.ProgressStore? store = null, bool offerResume = false)
    {
        try
        {
            using var h = new ScreenHarness(lab, runner, store, width: width, height: 30, text: text, offerResume: offerResume);
            body(h);
        }
        finally
        {
            Task.Run(() => runner.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        }
    }
}
