using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// Restarting the lab while the student keeps pressing keys. Before: the engine cleared its server on a worker thread while
/// the screen kept reading it, and F5, F8, F2, F6 or Down during (or right after) Ctrl+R crashed the screen with
/// InvalidOperationException "not started"; navigation was not even refused while restarting.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class RestartTests(SandboxFixture fx)
{
    private static readonly Key[] Busy = [Key.F5, Key.F8, Key.F2, Key.F6, Key.CursorDown, Key.F7, Key.F3, Key.Enter.WithCtrl, Key.R.WithCtrl];

    // No awaits once a screen exists: this thread's sync context is its main loop's.
    private static T Sync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    [Fact]
    public void Keys_pressed_while_the_lab_restarts_do_nothing_and_work_again_right_after()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F8, Key.F8, Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        runner.HoldRestart();

        h.Press(Key.R.WithCtrl, Key.Y); // Enter would answer No: the default for throwing work away
        Assert.True(h.Session.Restarting);
        Assert.Contains("restarting the lab…", h.Text);
        h.Press(Busy);

        Assert.Equal(0, h.Session.SelectedIndex); // restart went back to the first step, and nothing moved it
        Assert.Single(runner.Requests);           // nothing ran
        Assert.False(h.Session.HintShown(h.Session.Selected!));
        Assert.Null(h.Session.Pending);           // Ctrl+R again did not ask again
        h.WaitUntil(() => runner.Restarts > 0);   // the restart reaches the engine on a worker thread
        Assert.Equal(1, runner.Restarts);

        runner.ReleaseRestart();
        h.WaitUntil(() => !h.Session.Restarting);
        h.Press(Key.F8, Key.F2);
        Assert.Equal(1, h.Session.SelectedIndex);
        Assert.True(h.Session.HintShown(h.Session.Selected!));
    }

    [Fact]
    public void The_real_engine_survives_keys_during_and_right_after_a_restart()
    {
        var lab = new Lab
        {
            Id = "restart-keys", Title = "Restart keys", Server = new ServerRequirements { Database = "postgres" },
            Tasks =
            [
                new LabTask
                {
                    Id = "t", Title = "T",
                    Steps =
                    [
                        new Step { Id = "a", Title = "A", Action = new SqlAction("SELECT 1 AS one;"), Hint = "h" },
                        new Step { Id = "b", Title = "B", Action = new SqlAction("SELECT '{{database}}' AS db;") },
                    ],
                },
            ],
        };
        var opened = 0;
        using var secondOpen = new SemaphoreSlim(0);
        var runner = Sync(() => LabRunStepRunner.StartAsync(lab, async ct =>
        {
            // The second server (the restart) comes up only when the test says so: keys arrive in between.
            if (Interlocked.Increment(ref opened) > 1) await secondOpen.WaitAsync(ct);
            return (IServerTarget)await ExistingServer.ConnectAsync(fx.Sandbox.ConnectionString("postgres").ConnectionString, null, ct);
        }, (target, o) => new StepExecutor(target, o), null, CancellationToken.None));
        try
        {
            using var h = new ScreenHarness(lab, runner);
            h.Press(Key.R.WithCtrl, Key.Y); // Enter would answer No: the default for throwing work away
            h.Press(Busy);                      // during: the engine has no server
            Assert.True(h.Session.Restarting);
            _ = h.Text;                          // the screen draws (header, command) without asking the engine
            secondOpen.Release();
            h.WaitUntil(() => !h.Session.IsBusy);
            h.Press(Key.F8, Key.F5);             // right after
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains("● B", h.Text); // ran (nothing expected of it)
            Assert.Contains(" postgres", h.Text); // {{database}} filled in by the new server
            h.Press(Key.F2, Key.F6, Key.CursorDown, Key.F7);
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask().ContinueWith(_ => true));
        }
    }
}
