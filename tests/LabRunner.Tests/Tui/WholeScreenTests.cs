using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
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
}
