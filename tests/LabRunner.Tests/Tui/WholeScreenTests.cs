using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Psql;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>Screens where the whole screen is the point, compared whole with expected files (Tui/Screens) at fixed sizes.</summary>
public sealed class WholeScreenTests
{
    private static StepRunResult Failing()
    {
        var text = new PsqlText();
        text.Append(new ResultSet([new ResultColumn("n", "bigint", true)], [["7"]], 1, "h"));
        return new StepRunResult(new StepOutput(text.Text, [], StepOutcome.Completed, TimeSpan.FromMilliseconds(40)) { Tables = text.Tables },
            Verdict.Fail(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "7"))
                with { FirstDifference = new CellDifference(1, 1, "n", "0", "7") { ActualResult = 0 } });
    }

    [Fact]
    public void The_lab_screen_when_it_opens()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 100, height: 30);
        ScreenFile.AssertMatches("opened-100x30", h.Text);
    }

    [Fact]
    public void A_failed_step_at_120_columns()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(_ => Failing()), width: 120, height: 30);
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        ScreenFile.AssertMatches("failed-120x30", h.Text);
    }

    [Fact]
    public void A_failed_step_in_Spanish()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(_ => Failing()), width: 120, height: 30, text: Catalogue.Spanish);
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        ScreenFile.AssertMatches("failed-es-120x30", h.Text);
    }

    [Fact]
    public void The_shell_consent_question()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 100, height: 30);
        h.Press(Key.F8, Key.F5);
        ScreenFile.AssertMatches("shell-consent-100x30", h.Text);
    }

    [Fact]
    public void The_F1_help()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 120, height: 36);
        h.Press(Key.F1);
        ScreenFile.AssertMatches("help-120x36", h.Text);
    }

    [Fact]
    public void A_narrow_terminal_shows_one_output_pane_at_a_time()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 80, height: 24);
        h.Press(Key.F8, Key.F8, Key.F4);
        ScreenFile.AssertMatches("narrow-expected-80x24", h.Text);
    }

    // The main screens at the two sizes students use most (issue #14).
    private static ScreenHarness Sized(int width, int height) =>
        new(SampleLab.Create(), new ScriptedRunner(r => r.Step.Id == "p3" ? Failing() : ScriptedRunner.Ok()), width: width, height: height);

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Opened(int width, int height)
    {
        using var h = Sized(width, height);
        ScreenFile.AssertMatches($"opened-{width}x{height}", h.Text);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Shell_consent(int width, int height)
    {
        using var h = Sized(width, height);
        h.Press(Key.F8, Key.F5);
        ScreenFile.AssertMatches($"shell-consent-{width}x{height}", h.Text);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Failed(int width, int height)
    {
        using var h = Sized(width, height);
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        ScreenFile.AssertMatches($"failed-{width}x{height}", h.Text);
    }

    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Help(int width, int height)
    {
        using var h = Sized(width, height);
        h.Press(Key.F1);
        ScreenFile.AssertMatches($"help-{width}x{height}", h.Text);
    }

    /// <summary>Every step done: the completion screen, with "Check my work" offered (the lab has a grading check).</summary>
    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Completed(int width, int height)
    {
        var lab = SampleLab.Create();
        lab = lab with { Tasks = [lab.Tasks[0], lab.Tasks[1] with { Checks = [new Step { Id = "c1", Title = "La tabla existe", Action = new SqlAction("SELECT 1;") }] }] };
        using var h = new ScreenHarness(lab, new ScriptedRunner(), width: width, height: height, text: Catalogue.Spanish);
        for (var i = 0; i < h.Session.Steps.Count; i++)
        {
            h.Session.Select(i);
            h.Press(Key.F5);
            if (h.Session.Pending?.Kind == QuestionKind.ShellConsent) h.Press(Key.T); // Permitir _todos
            h.WaitUntil(() => !h.Session.IsBusy);
        }
        Assert.Equal(QuestionKind.Completed, h.Session.Pending?.Kind);
        ScreenFile.AssertMatches($"completed-es-{width}x{height}", h.Text);
    }

    /// <summary>Saved progress offered back on a brand-new sandbox: replay the steps done, or start over.</summary>
    [Theory]
    [InlineData(80, 24)]
    [InlineData(120, 40)]
    public void Resume(int width, int height)
    {
        var data = Path.Combine(Path.GetTempPath(), "lr-screens-" + Guid.NewGuid().ToString("N"));
        try
        {
            var store = new ProgressStore(data);
            var lab = SampleLab.Create();
            using (var first = new ScreenHarness(lab, new ScriptedRunner(), store, text: Catalogue.Spanish))
            {
                first.Press(Key.F5);
                first.WaitUntil(() => !first.Session.IsBusy);
            }
            using var h = new ScreenHarness(lab, new ScriptedRunner(), store, width: width, height: height, text: Catalogue.Spanish, offerResume: true);
            Assert.Equal(QuestionKind.Resume, h.Session.Pending?.Kind);
            ScreenFile.AssertMatches($"resume-es-{width}x{height}", h.Text);
        }
        finally
        {
            if (Directory.Exists(data)) Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>
    /// An eventually-wait (autovacuum) at 80x24: the last check's table live and what it waits for, in full (no room for
    /// the plot). At 120x40 the plot's scroll bars settle differently from one layout to the next: asserted by content
    /// in LabScreenOverviewTests instead.
    /// </summary>
    [Theory]
    [InlineData(80, 24)]
    public void Waiting(int width, int height)
    {
        var runner = Waits();
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: width, height: height, text: Catalogue.Spanish, time: new StoppedClock());
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => h.Session.Activity is not null);
        ScreenFile.AssertMatches($"waiting-es-{width}x{height}", h.Text);
        h.Session.CancelRun();
        h.WaitUntil(() => !h.Session.IsBusy);
    }

    /// <summary>A run held in its eventually-wait: the second attempt saw 500000 dead tuples; the series so far.</summary>
    internal static ScriptedRunner Waits()
    {
        var runner = new ScriptedRunner();
        var text = new PsqlText();
        text.Append(new ResultSet([new ResultColumn("relname", "name", false), new ResultColumn("n_live_tup", "bigint", true), new ResultColumn("n_dead_tup", "bigint", true)],
            [["test_autovacuum", "666667", "500000"]], 1, "h"));
        var series = new LabRunner.Running.WatchSeries(["n_live_tup", "n_dead_tup"], "last_autovacuum", 200050,
        [
            new LabRunner.Running.WatchSample(TimeSpan.Zero, [808687, 500000], false),
            new LabRunner.Running.WatchSample(TimeSpan.FromSeconds(2), [666667, 500000], false),
        ]);
        runner.WhileHeld = new RunActivity(new LabRunner.Running.EventuallyRetry(2, TimeSpan.FromSeconds(2), new CellDiffers(1, null, "n_dead_tup", new Matcher.Exact(), "0", true, "500000"))
        {
            LastOutput = new StepOutput(text.Text, [], StepOutcome.Completed, TimeSpan.FromMilliseconds(30)) { Tables = text.Tables },
        }, TimeSpan.FromSeconds(176)) { Series = series };
        runner.Hold();
        return runner;
    }
}
