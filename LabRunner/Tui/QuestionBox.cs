using System.Drawing;
using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tui;

/// <summary>
/// A dialog drawn over the lab screen inside the same session (not a nested modal run), so the screen keeps
/// updating underneath and headless tests can answer it with keys. It fits the screen it is on: the message wraps
/// (a key table keeps its key column), scrolls inside when taller than the room (PgUp/PgDn, Home/End), and the buttons
/// go onto a second row rather than off the edge. The default button (the harmless answer) has the focus.
/// </summary>
public sealed class QuestionBox : View
{
    private readonly TextPane _message;
    private readonly View _buttons;
    private readonly List<Button> _buttonViews = [];
    private Size _fittedTo;

    public QuestionBox()
    {
        BorderStyle = LineStyle.Double;
        CanFocus = true;
        Visible = false;
        X = Pos.Center();
        Y = Pos.Center();
        Arrangement = ViewArrangement.Overlapped;
        _message = new TextPane { X = 1, Y = 0, CanFocus = false };
        _message.ViewportSettings &= ~(ViewportSettingsFlags.HasVerticalScrollBar | ViewportSettingsFlags.HasHorizontalScrollBar);
        _buttons = new View { X = 0, Width = Dim.Fill(), CanFocus = true };
        Add(_message, _buttons);
    }

    public Question? Question { get; private set; }
    public IReadOnlyList<Button> Buttons => _buttonViews;
    public TextPane Message => _message;

    /// <summary>The words for hidden lines (the interface's language).</summary>
    public Func<int, string> MoreAbove { get => _message.MoreAbove; set => _message.MoreAbove = value; }
    public Func<int, string> MoreBelow { get => _message.MoreBelow; set => _message.MoreBelow = value; }

    /// <summary>Raised with the student's answer.</summary>
    public event Action<Choice>? Answered;

    public void Show(Question? question)
    {
        if (ReferenceEquals(question, Question)) return;
        Question = question;
        foreach (var b in _buttonViews) { _buttons.Remove(b); b.Dispose(); }
        _buttonViews.Clear();
        _fittedTo = default;
        if (question is null) { Visible = false; return; }
        Title = question.Title;
        foreach (var c in question.Choices)
        {
            var button = new Button { Text = c.Label, ShadowStyle = ShadowStyles.None };
            var choice = c.Choice;
            button.Accepting += (_, e) => { e.Handled = true; Answered?.Invoke(choice); };
            _buttons.Add(button);
            _buttonViews.Add(button);
        }
        Visible = true;
        if (SuperView is { } screen) Fit(screen.Viewport.Size);
        var index = Math.Max(0, question.Choices.ToList().FindIndex(c => c.Choice == question.Default));
        _buttonViews[index].SetFocus();
    }

    /// <summary>Sizes the box for a screen of <paramref name="screen"/> cells (called again when the terminal is resized).</summary>
    public void Fit(Size screen)
    {
        if (Question is not { } q || screen == _fittedTo || screen.Width < 10 || screen.Height < 6) return;
        _fittedTo = screen;
        var labels = q.Choices.Select(c => c.Label.Replace("_", "", StringComparison.Ordinal).Length + 4).ToList();
        var longest = q.Message.Split('\n').Max(l => l.Length);
        var width = Math.Min(screen.Width - 2, Math.Max(Math.Max(40, Title.Length + 6), Math.Max(longest, labels.Max()) + 4));
        var inner = width - 2;

        // Buttons left to right, a new row when the next one would not fit.
        var (x, row) = (1, 0);
        for (var i = 0; i < _buttonViews.Count; i++)
        {
            if (x > 1 && x + labels[i] > inner) (x, row) = (1, row + 1);
            _buttonViews[i].X = x;
            _buttonViews[i].Y = row;
            x += labels[i] + 1;
        }
        var buttonRows = row + 1;

        var lines = Wrap(q.Message, inner - 2);
        var room = Math.Max(3, screen.Height - 2 - buttonRows - 1 - 2);
        var messageRows = Math.Min(lines.Count, room);
        _message.Width = inner - 2;
        _message.Height = messageRows;
        _message.Show(string.Join('\n', lines));
        _buttons.Y = messageRows + 1;
        _buttons.Height = buttonRows;
        Width = width;
        Height = messageRows + 1 + buttonRows + 2;
        SetNeedsLayout();
    }

    /// <summary>PgUp/PgDn, Home/End (and Up/Down) scroll a long message while a button has the focus.</summary>
    public bool ScrollMessage(Key key) =>
        key.KeyCode is KeyCode.PageUp or KeyCode.PageDown or KeyCode.Home or KeyCode.End or KeyCode.CursorUp or KeyCode.CursorDown
        && _message.Scroll(key);

    /// <summary>
    /// Word-wraps to <paramref name="width"/>; a line laid out as "key    what it does" keeps its second column
    /// (continuation lines are indented to it), so the F1 help's key column stays readable.
    /// </summary>
    public static List<string> Wrap(string text, int width)
    {
        var result = new List<string>();
        width = Math.Max(8, width);
        foreach (var raw in text.Replace("\r\n", "\n").Split('\n'))
        {
            if (raw.Length <= width) { result.Add(raw); continue; }
            var gap = raw.IndexOf("  ", StringComparison.Ordinal);
            var indent = gap > 0 && gap < width / 2 ? gap + raw[gap..].TakeWhile(c => c == ' ').Count() : raw.TakeWhile(c => c == ' ').Count();
            if (indent > width / 2) indent = 0;
            var line = new StringBuilder();
            var fresh = true;
            foreach (var word in raw.Split(' '))
            {
                var sep = fresh ? "" : " ";
                if (!fresh && line.Length + sep.Length + word.Length > width)
                {
                    result.Add(line.ToString().TrimEnd());
                    line.Clear().Append(' ', indent);
                    fresh = true;
                    sep = "";
                    if (word.Length == 0) continue;
                }
                var w = word;
                while (line.Length + sep.Length + w.Length > width)
                {
                    var take = Math.Max(1, width - line.Length - sep.Length);
                    result.Add(line + sep + w[..take]);
                    line.Clear().Append(' ', indent);
                    sep = "";
                    w = w[take..];
                }
                line.Append(sep).Append(w);
                fresh = false;
            }
            result.Add(line.ToString().TrimEnd());
        }
        return result;
    }
}
