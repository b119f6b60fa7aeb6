using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tui;

/// <summary>
/// A dialog drawn over the lab screen inside the same session (not a nested modal run), so the screen keeps
/// updating underneath and headless tests can answer it with keys.
/// </summary>
public sealed class QuestionBox : View
{
    private readonly Label _message;
    private readonly View _buttons;
    private readonly List<Button> _buttonViews = [];

    public QuestionBox()
    {
        BorderStyle = LineStyle.Double;
        CanFocus = true;
        Visible = false;
        X = Pos.Center();
        Y = Pos.Center();
        Width = Dim.Percent(80);
        Height = Dim.Auto();
        Arrangement = ViewArrangement.Overlapped;
        _message = new Label { HotKeySpecifier = LabScreen.NoHotKey, X = 1, Y = 0, Width = Dim.Fill(1), Height = Dim.Auto() };
        _message.TextFormatter.WordWrap = true; // long lines (a shell command, a Spanish sentence) wrap instead of vanishing
        _buttons = new View { X = 0, Y = Pos.Bottom(_message) + 1, Width = Dim.Fill(), Height = Dim.Auto(), CanFocus = true };
        Add(_message, _buttons);
    }

    public Question? Question { get; private set; }
    public IReadOnlyList<Button> Buttons => _buttonViews;

    /// <summary>Raised with the student's answer.</summary>
    public event Action<Choice>? Answered;

    public void Show(Question? question)
    {
        if (ReferenceEquals(question, Question)) return;
        Question = question;
        foreach (var b in _buttonViews) { _buttons.Remove(b); b.Dispose(); }
        _buttonViews.Clear();
        if (question is null) { Visible = false; return; }
        Title = question.Title;
        _message.Text = question.Message;
        View? previous = null;
        foreach (var c in question.Choices)
        {
            var button = new Button { Text = c.Label, X = previous is null ? 1 : Pos.Right(previous) + 1, Y = 0 };
            var choice = c.Choice;
            button.Accepting += (_, e) => { e.Handled = true; Answered?.Invoke(choice); };
            _buttons.Add(button);
            _buttonViews.Add(button);
            previous = button;
        }
        Visible = true;
        SetNeedsLayout();
        _buttonViews[0].SetFocus();
    }
}
