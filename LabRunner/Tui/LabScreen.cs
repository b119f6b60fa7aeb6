using LabRunner.Text;
using Terminal.Gui.App;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tui;

/// <summary>
/// The lab screen: header, step tree, instructions, command, actual vs expected, verdict, status bar.
/// Thin: it draws <see cref="LabSession"/> and forwards keys to it; all state and engine calls live there.
/// </summary>
public sealed class LabScreen : Window
{
    /// <summary>Below this width the output area shows either the actual or the expected output (F4 switches).</summary>
    public const int SideBySideMinWidth = 80;

    private readonly IApplication _app;
    private readonly LabSession _session;
    private readonly Catalogue _text;
    private readonly Palette _palette;
    private readonly HeaderBar _header;
    private readonly FrameView _stepsFrame;
    private readonly TreeView<object> _tree;
    private readonly FrameView _instructionsFrame;
    private readonly Markdown _instructions;
    private readonly FrameView _commandFrame;
#pragma warning disable CS0618 // TextView is marked obsolete in 2.5.0 but is the only multi-line editor.
    private readonly TextView _command;
#pragma warning restore CS0618
    private readonly View _outputArea;
    private readonly FrameView _actualFrame;
    private readonly FrameView _expectedFrame;
    private readonly Label _verdict;
    private readonly Label _activity;
    private readonly StatusBar _statusBar;
    private readonly List<(KeyCommand Command, Shortcut Shortcut)> _shortcuts;
    private readonly List<TaskNode> _taskNodes;
    private readonly WatchPlot _plot;
    private readonly LabOverview _overview;
    private readonly FrameView _bigPlotFrame;
    private readonly WatchPlot _bigPlot;
    private readonly Label _bigPlotNone;
    private int _instructionsWidth;
    private readonly System.Diagnostics.Stopwatch _attempt = System.Diagnostics.Stopwatch.StartNew();
    private object? _timer;
    private int _frame;
    private bool _syncing;
    private string? _instructionsShown;
    private string _verdictWords = "";
    private (int, int, int, int) _sizes;
    private OutputMode _mode = OutputMode.Both;
    private OutputMode? _applied;

    /// <param name="overviewFirst">Open on the lab's overview (the app does, for a student); F9 shows it again.</param>
    public LabScreen(IApplication app, LabSession session, Palette? palette = null, bool overviewFirst = false)
    {
        _app = app;
        _session = session;
        _text = session.Text;
        _palette = palette ?? Palette.FromEnvironment();
        session.HelpText = KeyTable.Help(_text);
        BorderStyle = LineStyle.None;
        Title = session.Lab.Title;

        _header = new HeaderBar(_palette) { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _header.FrameChanged += (_, _) => _header.Text = ScreenText.Header(_session, HeaderWidth);

        _stepsFrame = new FrameView { Title = _text.Steps, X = 0, Y = 1, Width = Dim.Percent(26), Height = Dim.Fill(1) };
        _taskNodes = session.Lab.Tasks.Select((_, i) => new TaskNode(i, session.Steps.Where(s => s.TaskIndex == i).ToList())).ToList();
        _tree = new TreeView<object>
        {
            X = 0,
            Y = 0,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            TreeBuilder = new DelegateTreeBuilder<object>(o => o is TaskNode t ? t.Steps : [], o => o is TaskNode),
            AspectGetter = o => o switch
            {
                // Cut with "…" where the pane is narrow (a task's title, not its count): the instructions show the titles whole.
                TaskNode t => ScreenText.FitTaskLabel(_session, t.TaskIndex, TreeRoom(TaskPrefix)),
                StepRef s => ScreenText.Fit(ScreenText.TreeLabel(_session, s, _frame), TreeRoom(StepPrefix)),
                _ => o.ToString() ?? "",
            },
        };
        _tree.HorizontalScrollBar.VisibilityMode = ScrollBarVisibilityMode.None;
        _tree.DrawLine += (_, e) => ColourMark(e);
        _tree.AddObjects(_taskNodes);
        _tree.ExpandAll();
        _tree.SelectionChanged += (_, e) => OnTreeSelection(e.NewValue);
        _stepsFrame.Add(_tree);

        _instructionsFrame = new FrameView
        {
            Title = _text.Instructions,
            X = Pos.Right(_stepsFrame),
            Y = 1,
            Width = Dim.Fill(),
            Height = 8,
        };
        _instructions = new Markdown { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = true, ShowCopyButtons = false, ShowHeadingPrefix = false, MarkdownPipeline = MarkdownLines.Pipeline };
        _instructions.ViewportSettings |= ViewportSettingsFlags.HasVerticalScrollBar;
        _instructionsFrame.Add(_instructions);
        _instructions.FrameChanged += (_, _) => WrapInstructions(); // wrapped at word boundaries to its width

        _commandFrame = new FrameView
        {
            Title = _text.Command,
            X = Pos.Right(_stepsFrame),
            Y = Pos.Bottom(_instructionsFrame),
            Width = Dim.Fill(),
            Height = 6,
        };
#pragma warning disable CS0618
        // A scroll bar says when the command has more lines than the pane shows (a long shell script).
        _command = new TextView { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), TabKeyAddsTab = false, WordWrap = true, ScrollBars = true };
#pragma warning restore CS0618
        _command.ContentsChanged += (_, _) => { if (!_syncing) _session.EditCommand(_command.Text); };
        _commandFrame.Add(_command);
        _commandFrame.FrameChanged += (_, e) => LayoutPanes(); // its width decides how many rows the wrapped command needs

        // CanFocus: a view takes the focus only when every view above it can (Tab would never reach the output panes).
        _outputArea = new View { X = Pos.Right(_stepsFrame), Y = Pos.Bottom(_commandFrame), Width = Dim.Fill(), Height = Dim.Fill(1), CanFocus = true };
        _actualFrame = new FrameView { Title = _text.Actual, X = 0, Y = 0, Width = Dim.Percent(50), Height = Dim.Fill(1) };
        _expectedFrame = new FrameView { Title = _text.Expected, X = Pos.Right(_actualFrame), Y = 0, Width = Dim.Fill(), Height = Dim.Fill(1) };
        Actual = new TextPane { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), FollowEnd = true, Palette = _palette, MoreAbove = _text.MoreAbove, MoreBelow = _text.MoreBelow };
        // A watched step's series above its output (autovacuum's dead tuples against its trigger line).
        _plot = new WatchPlot(_text.PlotThreshold, _text.PlotMarkerChanged) { X = 0, Y = 0, Width = Dim.Fill(), Height = 0, Visible = false };
        _actualFrame.Add(_plot);
        _actualFrame.FrameChanged += (_, _) => FitPlot();
        Expected = new TextPane { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill(), Palette = _palette, Mark = (p, n) => p.ExpectedCell(n), MoreAbove = _text.MoreAbove, MoreBelow = _text.MoreBelow };
        _actualFrame.Add(Actual);
        _expectedFrame.Add(Expected);
        _verdict = new Label { HotKeySpecifier = NoHotKey, X = 0, Y = Pos.Bottom(_actualFrame), Width = Dim.Fill(), Height = 1 };
        _activity = new Label { HotKeySpecifier = NoHotKey, X = 0, Y = Pos.Bottom(_verdict), Width = Dim.Fill(), Height = 0 };
        _outputArea.Add(_actualFrame, _expectedFrame, _verdict, _activity);
        _outputArea.FrameChanged += (_, _) => { ApplyOutputMode(); SetVerdict(); };

        _shortcuts = KeyTable.All.Where(c => c.Label is not null)
            .Select(c => (c, new Shortcut(c.Keys[0], c.Label!(_text), () => Click(c)))).ToList();
        _statusBar = new StatusBar(_shortcuts.Select(s => s.Shortcut));

        Questions = new QuestionBox { MoreAbove = _text.MoreAbove, MoreBelow = _text.MoreBelow };
        Questions.Answered += choice => _session.Answer(choice);

        _overview = new LabOverview(session.Lab, _text, () => _session.Server.Connection, () => _attempt.Elapsed)
        {
            Palette = _palette,
            X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(1), Visible = overviewFirst,
        };

        // Ctrl+G: a watched step's plot over the whole screen (beside the output there is room for it only on big screens).
        _bigPlotFrame = new FrameView { X = 0, Y = 1, Width = Dim.Fill(), Height = Dim.Fill(1), Visible = false, Title = _text.PlotTitle };
        _bigPlot = new WatchPlot(_text.PlotThreshold, _text.PlotMarkerChanged) { X = 0, Y = 0, Width = Dim.Fill(), Height = Dim.Fill() };
        _bigPlotNone = new Label { HotKeySpecifier = NoHotKey, X = 0, Y = 0, Width = Dim.Fill(), Height = 1, Text = _text.PlotNone };
        _bigPlotFrame.Add(_bigPlot, _bigPlotNone);

        Add(_header, _stepsFrame, _instructionsFrame, _commandFrame, _outputArea, _statusBar, _overview, _bigPlotFrame, Questions);

        _session.Changed += Refresh;
        _session.QuitRequested += () => _app.RequestStop();
        _app.Keyboard.KeyDown += OnAppKeyDown;
        _timer = _app.AddTimeout(TimeSpan.FromMilliseconds(100), Tick);
        FrameChanged += (_, _) => { LayoutPanes(); Questions.Fit(Viewport.Size); FitStatusBar(); };
        Refresh();
    }

    /// <summary>
    /// Sizes the right-hand panes to their content: the command pane to its (wrapped) command, the verdict to its words,
    /// the instructions to what they say (they are read first), the output to the rest, never below a useful minimum.
    /// </summary>
    private void LayoutPanes()
    {
        var rows = Viewport.Height - 2; // header and status bar
        if (rows < 10 || _session.Selected is null) return;
        // The right-hand column's width: the steps pane takes its percentage of the screen.
        var width = _commandFrame.Frame.Width > 0 ? _commandFrame.Frame.Width : Math.Max(20, Viewport.Width - Viewport.Width * 26 / 100);
        var inner = width - 2;
        var commandLines = QuestionBox.Wrap(_command.Text.TrimEnd(), inner - 2).Count; // the scroll bar's column
        // Up to a quarter of the rows (9 lines at 40 rows, 3 at 24); more scroll, and the pane's scroll bar says so.
        var command = Math.Clamp(commandLines + 2, 3, Math.Max(3, rows / 4));
        var activityLines = _activity.Text.Length == 0 ? 0 : _activity.Text.Count(c => c == '\n') + 1;
        // A running step has no verdict yet: its row goes to the activity line (what it waits for, in full).
        var verdictLines = _verdict.Text.Length == 0 ? (activityLines > 0 ? 0 : 1) : Math.Min(VerdictRows, QuestionBox.Wrap(_verdict.Text, width).Count);
        var below = verdictLines + activityLines;
        // The output keeps room for what it shows (a live table with its column names, its horizontal scroll bar), up to half.
        var outputNeeds = Actual.Lines.Count + 2 + (Actual.GetContentSize().Width > (Actual.Viewport.Width > 0 ? Actual.Viewport.Width : inner) ? 1 : 0);
        var outputMin = Math.Max(5, Math.Max((rows - command) * 2 / 5, Math.Min(outputNeeds, (rows - command) / 2)));
        var instructionsWanted = QuestionBox.Wrap(ScreenText.WrapMarkdown(_instructionsShown ?? "", inner - 1), inner - 1).Count + 2;
        var instructions = Math.Clamp(instructionsWanted, 5, Math.Max(5, rows - command - outputMin - below));
        var sizes = (instructions, command, verdictLines, activityLines);
        if (sizes == _sizes) return;
        _sizes = sizes;
        _instructionsFrame.Height = instructions;
        _commandFrame.Height = command;
        _verdict.Height = verdictLines;
        _activity.Height = activityLines;
        _actualFrame.Height = Dim.Fill(below);
        _expectedFrame.Height = Dim.Fill(below);
        SetNeedsLayout();
    }

    /// <summary>The status bar's items that fit; the others (their keys are in F1's help) are hidden, least needed first.</summary>
    private void FitStatusBar()
    {
        var width = Viewport.Width;
        if (width <= 0) return;
        var order = new[] { Command.Previous, Command.ResetStep, Command.Restart, Command.Next, Command.Hint };
        var shown = _shortcuts.ToList();
        int Needed() => shown.Sum(s => KeyTable.Name(s.Command.Keys[0], _text).Length + s.Command.Label!(_text).Length + 5);
        foreach (var drop in order)
        {
            if (Needed() <= width) break;
            shown.RemoveAll(s => s.Command.Command == drop);
        }
        if (shown.Count == _statusBar.SubViews.Count) return;
        foreach (var (_, shortcut) in _shortcuts) _statusBar.Remove(shortcut);
        foreach (var (_, shortcut) in shown) _statusBar.Add(shortcut);
        _statusBar.SetNeedsLayout();
    }

    /// <summary>A step's mark (✓ ✗ ⠋ ●) in its verdict's colour.</summary>
    private void ColourMark(DrawTreeViewLineEventArgs<object> e)
    {
        if (e.Model is not StepRef step || _palette.For(_session.StatusOf(step)) is not { } colour) return;
        var i = e.IndexOfModelText;
        if (i < 0 || e.Cells is not { } cells || i >= cells.Count) return;
        var cell = cells[i];
        var normal = cell.Attribute ?? _tree.GetAttributeForRole(VisualRole.Normal);
        cells[i] = cell with { Attribute = new Terminal.Gui.Drawing.Attribute(colour, normal.Background) };
    }

    /// <summary>Columns the tree draws before a label: "├-" for a task, "│ ├─" for a step.</summary>
    private const int TaskPrefix = 2, StepPrefix = 4;

    private int TreeRoom(int prefix) => _tree.Viewport.Width > 0 ? _tree.Viewport.Width - prefix : int.MaxValue;

    /// <summary>The instructions, wrapped at word boundaries to the Markdown view's width (it would break words at the edge).</summary>
    private void WrapInstructions()
    {
        var width = _instructions.Viewport.Width;
        if (_instructionsShown is null || width <= 0 || width == _instructionsWidth) return;
        _instructionsWidth = width;
        var y = _instructions.Viewport.Y;
        _instructions.Text = ScreenText.WrapMarkdown(_instructionsShown, width);
        _instructions.Viewport = _instructions.Viewport with { Y = y };
    }

    public void FocusInstructions() => _instructions.SetFocus();
    public void FocusCommand() => _command.SetFocus();

    /// <summary>Whether the whole-screen plot (Ctrl+G) is shown.</summary>
    public bool PlotShown => _bigPlotFrame.Visible;

    private void ShowPlot(bool shown)
    {
        if (shown && _overview.Visible) ShowOverview(false);
        _bigPlotFrame.Visible = shown;
        if (!shown) _tree.SetFocus();
        Refresh();
    }

    private int HeaderWidth => Math.Max(30, _header.Frame.Width > 0 ? _header.Frame.Width : _app.Screen.Width);

    /// <summary>Labels that show data (verdicts name columns like last_autovacuum) must not treat '_' as a hot key mark.</summary>
    internal static readonly System.Text.Rune NoHotKey = new('\xffff');

    public TextPane Actual { get; }
    public TextPane Expected { get; }
    public QuestionBox Questions { get; }
    public bool SideBySide => _outputArea.Frame.Width >= SideBySideMinWidth;
    public string CommandText => _command.Text;
    /// <summary>The status bar's items, in order, as the key table made them.</summary>
    public IReadOnlyList<Shortcut> Shortcuts => _shortcuts.Select(s => s.Shortcut).ToList();
    /// <summary>The status bar's items that fit the screen now (the rest are in F1's help).</summary>
    public IReadOnlyList<Shortcut> ShownShortcuts => _statusBar.SubViews.OfType<Shortcut>().ToList();

    /// <summary>
    /// Keys that work wherever the focus is, from the key table. Seen before the focused view, so F5 runs even from the
    /// editor. A command that may not run now (the lab restarting) swallows its key.
    /// </summary>
    private void OnAppKeyDown(object? sender, Key key)
    {
        if (_app.TopRunnableView != this) return;
        if (_session.Pending is { } question)
        {
            if (key == Key.Esc) { _session.Answer(question.Dismiss); key.Handled = true; }
            else if (Questions.ScrollMessage(key)) key.Handled = true;
            return; // everything else goes to the question's buttons
        }
        // The overview scrolls (it is taller than an 80x24 screen) wherever the focus is.
        if (_overview.Visible && _overview.Scroll(key)) { key.Handled = true; return; }
        // Esc closes the plot too, unless it cancels something (a step running while its plot is watched).
        if (_bigPlotFrame.Visible && key == Key.Esc && !KeyTable.All.First(c => c.Command == Command.Cancel).EnabledWhen(_session))
        {
            ShowPlot(false);
            key.Handled = true;
            return;
        }
        if (KeyTable.Find(key) is not { } command) return;
        key.Handled = true;
        // The overview covers the lab: a command other than F9, F1 or quitting closes it first, then runs.
        // The plot covers the lab too: any command but the plot's own, help or quitting closes it first, then runs.
        if (_bigPlotFrame.Visible && command.Command is not (Command.Plot or Command.Help or Command.Quit or Command.Cancel)) ShowPlot(false);
        if (_overview.Visible && command.Command is not (Command.Overview or Command.Help or Command.Quit))
        {
            ShowOverview(false);
            // F8 from the overview goes to the steps, to the one selected (at the start, Paso 1), not past it.
            if (command.Command == Command.Next) return;
        }
        if (command.EnabledWhen(_session)) Execute(command.Command, key);
    }

    /// <summary>A status bar item clicked with the mouse: the same command, unless a question is open.</summary>
    private void Click(KeyCommand command)
    {
        if (_session.Pending is null && command.EnabledWhen(_session)) Execute(command.Command, command.Keys[0]);
    }

    private void Execute(Command command, Key key)
    {
        switch (command)
        {
            case Command.Run: _session.Run(); break;
            case Command.Cancel: _session.CancelRun(); break;
            case Command.Next: _session.SelectNext(); break;
            case Command.Previous: _session.SelectPrevious(); break;
            case Command.Panes: FocusPane(key == Key.Tab ? +1 : -1); break;
            case Command.Hint: _session.ShowHint(); break;
            case Command.Restore: _session.RestoreOriginalCommand(); break;
            case Command.ToggleOutput: ToggleOutput(); break;
            case Command.ResetStep: _session.ResetStep(); break;
            case Command.Restart: _session.RequestRestart(); break;
            case Command.Help: _session.ShowHelp(); break;
            case Command.Overview: ShowOverview(!_overview.Visible); break;
            case Command.Plot: ShowPlot(!_bigPlotFrame.Visible); break;
            case Command.Quit: _session.RequestQuit(); break;
        }
    }

    /// <summary>Whether the lab's overview covers the screen.</summary>
    public bool OverviewShown => _overview.Visible;

    private void ShowOverview(bool shown)
    {
        _overview.Visible = shown;
        if (shown) _overview.SetNeedsDraw();
        else _tree.SetFocus();
        SetNeedsDraw();
    }

    /// <summary>Tab cycles the panes (Terminal.Gui's own Tab stays inside a frame).</summary>
    private void FocusPane(int delta)
    {
        var panes = new View[] { _tree, _instructions, _command, Actual, Expected }.Where(p => p.Visible && p.SuperView!.Visible).ToList();
        var current = panes.FindIndex(p => p.HasFocus);
        panes[((current < 0 ? 0 : current + delta) % panes.Count + panes.Count) % panes.Count].SetFocus();
    }

    public View? FocusedPane => new View[] { _tree, _instructions, _command, Actual, Expected }.FirstOrDefault(p => p.HasFocus);

    /// <summary>F4: wide screens cycle both → yours → expected; narrow ones switch yours ⇄ expected.</summary>
    private void ToggleOutput()
    {
        _mode = ShownOutput switch
        {
            OutputMode.Both => OutputMode.Actual,
            OutputMode.Actual => OutputMode.Expected,
            _ => SideBySide ? OutputMode.Both : OutputMode.Actual,
        };
        ApplyOutputMode();
    }

    /// <summary>What the output area shows now. A step with nothing to compare against gets the whole width for its output.</summary>
    public OutputMode ShownOutput =>
        _mode == OutputMode.Both && _session.Selected?.Step.Expect is null ? OutputMode.Actual
        : SideBySide ? _mode
        : _mode == OutputMode.Expected ? OutputMode.Expected : OutputMode.Actual;

    /// <summary>Side by side when there is room (unless F4 chose one); otherwise one pane at a time.</summary>
    private void ApplyOutputMode()
    {
        var mode = ShownOutput;
        if (mode == _applied) return;
        _applied = mode;
        _actualFrame.Visible = mode != OutputMode.Expected;
        _expectedFrame.Visible = mode != OutputMode.Actual;
        if (mode == OutputMode.Both)
        {
            _actualFrame.Width = Dim.Percent(50);
            _expectedFrame.X = Pos.Right(_actualFrame);
            _actualFrame.Title = _session.Selected is { } s ? ScreenText.ActualTitle(_session, s) : _text.Actual;
            _expectedFrame.Title = _text.Expected;
        }
        else
        {
            _actualFrame.Width = Dim.Fill();
            _expectedFrame.X = 0;
            _actualFrame.Title = (_session.Selected is { } s ? ScreenText.ActualTitle(_session, s) : _text.Actual) + "  (F4 ⇄)";
            _expectedFrame.Title = _text.Expected + "  (F4 ⇄)";
        }
        _outputArea.SetNeedsLayout();
    }

    private bool Tick()
    {
        if (_session.IsBusy || _session.Starting)
        {
            _frame++;
            SetActivity();
            _tree.SetNeedsDraw();
        }
        return true;
    }

    private void OnTreeSelection(object? selected)
    {
        if (_syncing) return;
        switch (selected)
        {
            case StepRef step: _session.Select(step); break;
            case TaskNode task when task.Steps.Count > 0 && _session.Selected?.TaskIndex != task.TaskIndex: _session.SelectTask(task.TaskIndex); break;
        }
    }

    /// <summary>Redraws everything from the session; cheap enough to call on every change.</summary>
    public void Refresh()
    {
        _syncing = true;
        try
        {
            _header.Text = ScreenText.Header(_session, HeaderWidth);
            _header.SetNeedsDraw();
            if (_overview.Visible) _overview.SetNeedsDraw(); // its help table shows the server's socket and port once it is up
            if (_session.Selected is not { } step) return;
            if (_tree.SelectedObject is not StepRef shown || shown != step)
            {
                if (_tree.SelectedObject is not TaskNode t || t.TaskIndex != step.TaskIndex || step != _session.Steps.FirstOrDefault(x => x.TaskIndex == t.TaskIndex))
                    _tree.SelectedObject = step;
                if (_tree.Viewport.Height > 0) _tree.EnsureVisible(step);
            }
            _tree.SetNeedsDraw();

            var md = ScreenText.Instructions(_session, step);
            if (md != _instructionsShown)
            {
                _instructionsShown = md;
                _instructionsWidth = 0;
                WrapInstructions();
                if (_instructionsWidth == 0) _instructions.Text = md; // not laid out yet: wrapped once it is
                _instructions.Viewport = _instructions.Viewport with { Y = 0 };
            }

            var command = _session.CommandOf(step);
            if (Normalise(_command.Text) != Normalise(command)) _command.Text = command;
            _commandFrame.Title = ScreenText.CommandTitle(_session, step);

            ShowSeries(step);
            Actual.Show(ScreenText.Actual(_session, step));
            FitPlot(); // the output's lines decide the plot's room
            Expected.Show(ScreenText.Expected(_session, step));
            _actualFrame.Title = ScreenText.ActualTitle(_session, step) + (ShownOutput == OutputMode.Both ? "" : "  (F4 ⇄)");
            _verdictWords = _session.Notice is { } notice ? "ⓘ " + notice : ScreenText.VerdictLine(_session, step);
            if (_session.Notice is null && !_session.IsRunning(step) && _session.ResultOf(step)?.Series is not null && !_bigPlotFrame.Visible)
                _verdictWords += " · " + _text.PlotHint; // its series can be seen whole
            _bigPlotFrame.Title = $"{_text.PlotTitle} · {step.Step.Title.Trim()} · {_text.PlotClose}";
            SetVerdict();
            ColourVerdict(_session.Notice is null ? _session.StatusOf(step) : StepStatus.NotRun);
            ApplyOutputMode();
            SetActivity();
            LayoutPanes();

            foreach (var (bound, shortcut) in _shortcuts) shortcut.Enabled = bound.EnabledWhen(_session);

            var wasShown = Questions.Visible;
            Questions.Show(_session.Pending);
            if (wasShown && !Questions.Visible) _tree.SetFocus();
        }
        finally
        {
            _syncing = false;
        }
        SetNeedsDraw();
    }

    /// <summary>The plot over the output while a watched step runs (its series so far) and after (its recorded series).</summary>
    private void ShowSeries(StepRef step)
    {
        var series = _session.Runs.ActivityOf(step)?.Series ?? _session.ResultOf(step)?.Series;
        if (!ReferenceEquals(series, _plot.Series)) _plot.Series = series; // its room: FitPlot, once the output is shown
        if (!ReferenceEquals(series, _bigPlot.Series)) _bigPlot.Series = series;
        _bigPlotNone.Visible = series is null;
    }

    /// <summary>Rows a plot needs to say anything: legend, three rows of points, the axis and its times.</summary>
    public const int PlotMinRows = 6;

    /// <summary>
    /// The plot takes up to two thirds of the output pane, but the output's own lines come first (the live table of an
    /// autovacuum wait is what a student reads on a short screen): without room for both, no plot.
    /// </summary>
    private void FitPlot()
    {
        var rows = _actualFrame.Viewport.Height;
        var rowsFor = _plot.Series is null || rows <= 0 ? 0 : Math.Min(rows * 2 / 3, rows - Math.Min(rows, Actual.Lines.Count));
        if (rowsFor < PlotMinRows) rowsFor = 0;
        if (_plot.Visible == rowsFor > 0 && (rowsFor == 0 || _plot.Frame.Height == rowsFor)) return;
        _plot.Visible = rowsFor > 0;
        _plot.Height = rowsFor;
        Actual.Y = rowsFor;
        Actual.Height = Dim.Fill();
        _actualFrame.SetNeedsLayout();
    }

    /// <summary>Rows the verdict may take (Tarea 2 Paso 5's, with its notes and the plot's key, takes five at 80 columns).</summary>
    private const int VerdictRows = 6;

    /// <summary>The verdict (or a notice) wrapped to the output area's width: up to six rows, never cut at the edge.</summary>
    private void SetVerdict()
    {
        if (_outputArea.Frame.Width <= 0) return;
        var text = string.Join('\n', QuestionBox.Wrap(_verdictWords, _outputArea.Frame.Width).Take(VerdictRows)).TrimEnd();
        if (text == _verdict.Text) return;
        var relayout = text.Count(c => c == '\n') != _verdict.Text.Count(c => c == '\n') || (text.Length == 0) != (_verdict.Text.Length == 0);
        _verdict.Text = text;
        if (relayout) LayoutPanes();
    }

    /// <summary>The running line, wrapped onto more rows (up to five) rather than cut.</summary>
    private void SetActivity()
    {
        var lines = QuestionBox.Wrap(ScreenText.ActivityLine(_session, _frame), Math.Max(20, _outputArea.Frame.Width)).Take(5).ToList();
        var text = string.Join('\n', lines).TrimEnd();
        if (text == _activity.Text) return;
        var relayout = (text.Length == 0) != (_activity.Text.Length == 0) || text.Count(c => c == '\n') != _activity.Text.Count(c => c == '\n');
        _activity.Text = text;
        if (relayout) LayoutPanes();
    }

    private void ColourVerdict(StepStatus status)
    {
        if (_palette.For(status) is not { } colour) { _verdict.SetScheme(null); return; }
        var normal = GetAttributeForRole(VisualRole.Normal);
        _verdict.SetScheme(new Scheme(new Terminal.Gui.Drawing.Attribute(colour, normal.Background)));
    }

    private static string Normalise(string s) => s.Replace("\r\n", "\n").TrimEnd();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _app.Keyboard.KeyDown -= OnAppKeyDown;
            _session.Changed -= Refresh;
            if (_timer is not null) _app.RemoveTimeout(_timer);
            foreach (var (_, shortcut) in _shortcuts.Where(s => s.Shortcut.SuperView is null)) shortcut.Dispose();
            _timer = null;
        }
        base.Dispose(disposing);
    }

    public enum OutputMode { Both, Actual, Expected }

    /// <summary>A task row of the tree.</summary>
    private sealed record TaskNode(int TaskIndex, IReadOnlyList<StepRef> Steps);
}
