using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// A manual step (nothing to run) is shown in the tree; the run key marks it done without asking the engine; it counts
/// in progress and is remembered as done. A step whose expected result is words shows "not compared", not passed.
/// </summary>
public sealed class ManualStepTests : IDisposable
{
    private readonly string _progress = Directory.CreateTempSubdirectory("labrunner-manual-").FullName;

    public void Dispose() => Directory.Delete(_progress, recursive: true);

    private static Lab Lab() => new()
    {
        Id = "manual",
        Title = "Manual",
        Language = "es",
        Server = new ServerRequirements { Database = "curso" },
        Tasks =
        [
            new LabTask
            {
                Id = "t1", Title = "Tarea 1. Preparar",
                Steps =
                [
                    new Step { Id = "step-1", Title = "Paso 1. Abrir una terminal", Action = ManualAction.Instance },
                    new Step { Id = "step-2", Title = "Paso 2. Esperar", Action = new SqlAction("SELECT 1;"), Expect = new Expectation { Prose = "La sesión queda bloqueada." } },
                ],
            },
        ],
    };

    [Fact]
    public void The_run_key_marks_a_manual_step_done_and_progress_counts_and_keeps_it()
    {
        var runner = new ScriptedRunner(_ => new StepRunResult(
            new StepOutput("?column?\n", [], StepOutcome.Completed, TimeSpan.FromMilliseconds(3)), Verdict.Shown(ProseKind.Prose)));
        var store = new ProgressStore(_progress);
        using (var h = new ScreenHarness(Lab(), runner, store))
        {
            h.Press(Key.F5);
            h.WaitUntil(() => h.Session.StatusOf(h.Session.Steps[0]) == StepStatus.Done);
            Assert.Empty(runner.Requests); // nothing was sent to the engine
            var screen = h.Text;
            Assert.True(screen.Contains("● Paso 1. Abrir", StringComparison.Ordinal), screen);

            h.Press(Key.F8, Key.F5);
            h.WaitUntil(() => h.Session.StatusOf(h.Session.Steps[1]) == StepStatus.NotCompared);
            Assert.Contains("~ Paso 2. Esperar", h.Text);
            Assert.Equal(2, h.Session.DoneCount);
        }
        var saved = store.Load("manual")!;
        Assert.Equal(VerdictStatus.Manual, saved.Steps.Values.First().Status);
        using var again = new ScreenHarness(Lab(), new ScriptedRunner(), store, offerResume: true);
        again.Press(Key.Enter); // continue where you left off
        Assert.Equal(StepStatus.Done, again.Session.StatusOf(again.Session.Steps[0]));
    }
}
