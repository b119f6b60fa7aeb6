using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// A student can read every line the screen writes at 80x24: every screen and dialog is visited, and each piece of text
/// it shows (a dialog's message and buttons, the verdict, the status bar, the step's title) must be readable on screen,
/// scrolling where the screen says there is more. A word missing from every view of it means a line was cut.
/// Before: the consent dialog's Cancel, the end of the F1 help, the verdict line and the status bar's last keys were cut.
/// </summary>
public sealed class NothingClippedTests : IDisposable
{
    private const int Width = 80, Height = 24;
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "lr-clip-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    private static StepRunResult Failing() => new(
        new StepOutput(" last_autovacuum \n-----------------\n \n(1 row)\n", [], StepOutcome.Completed, TimeSpan.FromSeconds(180)),
        Verdict.Fail(new CellDiffers(1, null, "last_autovacuum", new Matcher.NotNull(), "(not null)", false, null))
            with { FirstDifference = new CellDifference(1, 1, "last_autovacuum", "(not null)", null) });

    /// <summary>Every word of <paramref name="text"/> on one of the screens (a hot key's underscore is not drawn).</summary>
    private static void AllReadable(string what, string text, IReadOnlyList<string> screens, bool hotKey = false)
    {
        var missing = (hotKey ? text.Replace("_", "", StringComparison.Ordinal) : text).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Where(word => !screens.Any(s => s.Contains(word, StringComparison.Ordinal))).ToList();
        Assert.True(missing.Count == 0, $"{what}: cut at {Width}x{Height}, never shown: {string.Join(" ", missing)}\n{screens[0]}");
    }

    /// <summary>The dialog as shown, then scrolled page by page to its end.</summary>
    private static List<string> ScrolledDialog(ScreenHarness h)
    {
        var screens = new List<string> { h.Text };
        for (var i = 0; i < 30 && h.Screen.Questions.Message.Hidden.Below > 0; i++)
        {
            h.Press(Key.PageDown);
            screens.Add(h.Text);
        }
        return screens;
    }

    private static void DialogReadable(ScreenHarness h)
    {
        var q = h.Session.Pending!;
        var screens = ScrolledDialog(h);
        AllReadable(q.Kind + " title", q.Title, screens, hotKey: true);
        AllReadable(q.Kind + " message", q.Message, screens);
        foreach (var c in q.Choices) AllReadable(q.Kind + " button", c.Label, [screens[^1]], hotKey: true);
    }

    private static void ScreenReadable(ScreenHarness h, Catalogue text)
    {
        var screen = h.Text;
        var rows = screen.Split('\n');
        var step = h.Session.Selected!;
        AllReadable("step title", step.Step.Title, [screen]);
        AllReadable("verdict", h.Session.Notice is { } n ? "ⓘ " + n : ScreenText.VerdictLine(h.Session, step), [screen]);
        AllReadable("progress", text.PassedCount(h.Session.PassedCount, h.Session.Steps.Count), [rows[0]]);
        foreach (var s in h.Screen.ShownShortcuts) AllReadable("status bar", s.Title, [rows[Height - 1]], hotKey: true);
        Assert.True(h.Screen.ShownShortcuts.Count >= 4, "the status bar keeps Run, Help, Quit and more");
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void Every_screen_and_dialog_is_readable_at_80x24(string language)
    {
        var text = Catalogue.For(language);
        var lab = SampleLab.Create();
        var runner = new ScriptedRunner(r => r.Step.Id == "p3" ? Failing() : ScriptedRunner.Ok());
        using var h = new ScreenHarness(lab, runner, new ProgressStore(_dataDir), width: Width, height: Height, text: text);

        for (var i = 0; i < h.Session.Steps.Count; i++)
        {
            h.Session.Select(i);
            ScreenReadable(h, text);
        }

        h.Session.Select(1);
        h.Press(Key.F5); // the shell step asks
        DialogReadable(h);
        h.Press(Key.Esc);

        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        ScreenReadable(h, text); // a failed step: the verdict names the column

        h.Press(Key.F2);
        ScreenReadable(h, text);

        h.Press(Key.F1);
        DialogReadable(h);
        h.Press(Key.Esc);

        h.Press(Key.R.WithCtrl);
        DialogReadable(h);
        h.Press(Key.Esc);

        h.Session.EditCommand("SELECT 1;");
        h.Press(Key.F6);
        DialogReadable(h);
        h.Press(Key.Esc);

        runner.Hold();
        h.Press(Key.F5, Key.Q.WithCtrl);
        DialogReadable(h);
        h.Press(Key.Esc, Key.Esc);
        runner.Release();
        h.WaitUntil(() => !h.Session.IsBusy);

        using var back = new ScreenHarness(lab, new ScriptedRunner(), new ProgressStore(_dataDir), width: Width, height: Height, text: text, offerResume: true);
        Assert.Equal(QuestionKind.Resume, back.Session.Pending?.Kind);
        DialogReadable(back);
    }
}
