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

    private (Lab, LabRunStepRunner) Start(LabRunOptions? options = null) => Task.Run(() => StartAsync(options)).GetAwaiter().GetResult();

    private async Task<(Lab, LabRunStepRunner)> StartAsync(LabRunOptions? options)
    {
        var database = await fx.CreateDatabaseAsync("screen");
        var lab = Lab(database);
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

    private static LabRunStepRunner OnOwnSandbox(Lab lab) => Task.Run(() => LabRunStepRunner.StartAsync(lab,
        async ct => (IServerTarget)await Sandbox.StartAsync(new SandboxOptions { Database = "curso", RootDirectory = TestPaths.SandboxRoot }, ct),
        (target, options) => new StepExecutor(target, options), null, CancellationToken.None)).GetAwaiter().GetResult();

    // No awaits in these tests: once the screen exists, this thread's sync context is its main loop's.
    private static void RunOnScreen(Lab lab, IStepRunner runner, Action<ScreenHarness> body, int width = 100, Catalogue? text = null)
    {
        try
        {
            using var h = new ScreenHarness(lab, runner, width: width, height: 30, text: text);
            body(h);
        }
        finally
        {
            Task.Run(() => runner.DisposeAsync().AsTask()).GetAwaiter().GetResult();
        }
    }
}
