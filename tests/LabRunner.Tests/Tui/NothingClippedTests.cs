using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Tests.Labs;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;
using System.Text.RegularExpressions;

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
        AllReadable("progress", text.DoneCount(h.Session.DoneCount, h.Session.Steps.Count), [rows[0]]);
        foreach (var s in h.Screen.ShownShortcuts) AllReadable("status bar", s.Title, [rows[Height - 1]], hotKey: true);
        Assert.True(h.Screen.ShownShortcuts.Count >= 4, "the status bar keeps Run, Help, Quit and more");
    }

    /// <summary>Words of a Markdown text as a reader sees them (letters only: marks and code quotes are not drawn).</summary>
    private static IEnumerable<string> Words(string markdown) =>
        Regex.Matches(markdown, @"\p{L}[\p{L}\d]*").Select(m => m.Value).Where(w => w.Length > 1);

    /// <summary>The screen, then the pane with the focus scrolled page by page until it stops moving.</summary>
    private static List<string> Scrolled(ScreenHarness h)
    {
        var screens = new List<string> { h.Text };
        for (var i = 0; i < 20; i++)
        {
            h.Press(Key.PageDown);
            if (h.Text == screens[^1]) break;
            screens.Add(h.Text);
        }
        return screens;
    }

    /// <summary>The command pane's rows, from its title to its bottom border.</summary>
    private static string CommandPane(string screen)
    {
        var rows = screen.Split('\n');
        var top = Array.FindIndex(rows, r => r.Contains("┤Comando", StringComparison.Ordinal));
        var bottom = Array.FindIndex(rows, top + 1, r => r.Contains('╰'));
        return string.Join('\n', rows[top..(bottom + 1)]);
    }

    /// <summary>
    /// The bundled lab, in Spanish, at 80x24: every task's title, every step's instruction (its words whole, never split
    /// at the edge) and every line of its command can be read, scrolling the pane where it says there is more; a title
    /// the step tree cannot show whole ends in "…". Before: "Tarea 2. Observa" cut with no way to see the rest, the
    /// 4th line of Tarea 2 Paso 5's command never shown, and Tarea 3 Paso 6's "modificó" split in two.
    /// </summary>
    [Fact]
    public void Every_step_of_the_seed_lab_is_readable_at_80x24()
    {
        var text = Catalogue.Spanish;
        var lab = LabLoader.LoadFile(LabFiles.Seed).Lab!;
        using var h = new ScreenHarness(lab, new ScriptedRunner(), new ProgressStore(_dataDir), width: Width, height: Height, text: text);
        foreach (var step in h.Session.Steps)
        {
            h.Session.Select(step);
            var screen = h.Text;
            var where = $"{step.Task.Title} / {step.Step.Title}";
            AllReadable(where + ": task title", step.Task.Title, [screen]);
            var label = ScreenText.TaskLabel(h.Session, step.TaskIndex);
            var title = step.Task.Title;
            var count = " " + ScreenText.TaskCount(h.Session, step.TaskIndex);
            // Cut or not, the task's count of steps passed stays in view: the title gives way.
            Assert.True(screen.Contains(label, StringComparison.Ordinal)
                        || Enumerable.Range(8, Math.Max(0, title.Length - 8)).Any(n => screen.Contains(title[..n].TrimEnd() + "…" + count, StringComparison.Ordinal)),
                $"{where}: the tree cuts \"{label}\" without saying so, or hides its count\n{screen}");

            h.Screen.FocusInstructions();
            var instructions = Scrolled(h);
            AllReadable(where + ": instruction", string.Join(' ', Words(step.Step.Text ?? "")), instructions);

            // The command is shown whole, or its pane says it has more (its scroll bar), and scrolls to every line.
            var commandWords = string.Join(' ', Regex.Matches(h.Session.CommandOf(step), @"[\p{L}\d_]{3,}").Select(m => m.Value));
            var first = h.Text;
            if (commandWords.Split(' ').Any(w => !first.Contains(w, StringComparison.Ordinal)))
                Assert.True(CommandPane(first).Contains('▼'), $"{where}: the command is cut with no sign of more\n{first}");
            h.Screen.FocusCommand();
            AllReadable(where + ": command", commandWords, Scrolled(h));
        }
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
