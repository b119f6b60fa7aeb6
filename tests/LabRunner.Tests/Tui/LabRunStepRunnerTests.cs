using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Running;
using LabRunner.Tui;
using Terminal.Gui.Input;
using static LabRunner.Tests.Checking.Outputs;

namespace LabRunner.Tests.Tui;

/// <summary>The TUI's engine (LabRun behind the screen) over a scripted executor: what the screen asks for is what runs.</summary>
public sealed class LabRunStepRunnerTests
{
    private static Lab LabOf(params Step[] steps) =>
        new() { Id = "l", Title = "L", Tasks = [new LabTask { Id = "t", Title = "T", Steps = steps }] };

    private static LabRunStepRunner Start(Lab lab, ScriptedExecutor executor) =>
        Task.Run(() => LabRunStepRunner.StartAsync(lab, _ => Task.FromResult<IServerTarget>(new LabRunTests.FakeTarget(15)),
            (_, _) => executor, null, CancellationToken.None)).GetAwaiter().GetResult();

    private static StepRunResult RunSync(IStepRunner runner, StepRunRequest request) =>
        Task.Run(() => runner.RunAsync(request, new Progress<RunActivity>(), CancellationToken.None)).GetAwaiter().GetResult();

    [Fact]
    public void A_request_without_consent_does_not_run_a_shell_step()
    {
        // Before: the runner allowed shell steps for the whole session and ignored the request's consent.
        var step = new Step { Id = "s", Title = "Shell", Action = new ShellAction("echo hi") };
        var lab = LabOf(step);
        var executor = new ScriptedExecutor((_, _, _, _) => Task.FromResult(Shell(0, "hi\n")));
        var runner = Start(lab, executor);

        var refused = RunSync(runner, new StepRunRequest(lab.Tasks[0], step, step.Action, AllowShell: false));
        Assert.Empty(executor.Commands);
        Assert.Equal(new NotAllowed(Consent.Shell), refused.Verdict.Reason);

        var allowed = RunSync(runner, new StepRunRequest(lab.Tasks[0], step, step.Action, AllowShell: true));
        Assert.Equal(["echo hi"], executor.Commands);
        Assert.Equal(VerdictStatus.Ran, allowed.Verdict.Status);
    }

    [Fact]
    public void A_lab_about_pg_locks_does_not_show_waiting_for_lock_when_nothing_waits()
    {
        // Before: "waiting for lock" was decided by searching the progress text for "lock", and the eventually countdown
        // quotes the last mismatch (here: RowShareLock vs AccessExclusiveLock).
        var step = new Step
        {
            Id = "s", Title = "Locks", Action = new SqlAction("SELECT mode FROM pg_locks"),
            Expect = new Expectation { Columns = ["mode"], Rows = [["AccessExclusiveLock"]], Eventually = new Eventually(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1)) },
        };
        var lab = LabOf(step);
        var executor = new ScriptedExecutor((_, _, _, _) => Task.FromResult(Of(Table(["mode"], ["RowShareLock"]))));
        var runner = Start(lab, executor);
        using var h = new ScreenHarness(lab, runner, width: 200, height: 30);

        h.Press(Key.F5);
        h.WaitUntil(() => h.Session.Activity?.NextCheckIn is not null);

        var screen = h.Text;
        Assert.Contains("waiting until the output matches (last: row 1, mode: expected AccessExclusiveLock, got RowShareLock)", ScreenText.ActivityLine(h.Session, 0));
        Assert.Contains("waiting until the output matches", screen); // the line wraps on screen rather than being cut
        Assert.Contains("latest check, attempt ", screen); // the wait shows what the last check printed, live
        Assert.Contains("(text)", screen);                  // (the scripted executor's output)
        Assert.DoesNotContain("waiting for lock", screen);
        Assert.False(h.Session.Activity!.WaitingForLock);
        h.Press(Key.Esc);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Contains("(text)", h.Text); // Esc keeps what the last check printed (before: a blank pane)
        Assert.Contains("■ Cancelled", h.Text);
    }
}
