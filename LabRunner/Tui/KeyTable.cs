using System.Text;
using LabRunner.Text;
using Terminal.Gui.Input;

namespace LabRunner.Tui;

/// <summary>What a key does on the lab screen.</summary>
public enum Command { Run, Cancel, Next, Previous, Panes, Choose, Hint, Restore, ToggleOutput, ResetStep, Restart, Overview, Plot, Help, Quit }

/// <summary>
/// One row of the key table: the keys, the command, the words (a short label for the status bar, a line of help), and
/// when the command may run (otherwise the key is swallowed and the status bar shows it disabled).
/// </summary>
public sealed record KeyCommand(Command Command, IReadOnlyList<Key> Keys, Func<Catalogue, string> Help)
{
    /// <summary>The status bar's word; null keeps the command off the status bar (it is in the F1 help).</summary>
    public Func<Catalogue, string>? Label { get; init; }
    public Func<LabSession, bool> EnabledWhen { get; init; } = _ => true;
    /// <summary>The focused view handles these keys itself (the step tree's Up and Down): listed, not bound.</summary>
    public bool ViewHandles { get; init; }
}

/// <summary>
/// The lab screen's keys, declared once: the screen's key bindings, its status bar, the F1 help and the README's key table
/// (a test keeps the README in sync) are all made from <see cref="All"/>.
/// </summary>
public static class KeyTable
{
    private static bool Idle(LabSession s) => !s.Restarting;

    public static IReadOnlyList<KeyCommand> All { get; } =
    [
        new(Command.Run, [Key.F5, Key.Enter.WithCtrl], t => t.RunHelp) { Label = t => t.Run, EnabledWhen = Idle },
        new(Command.Cancel, [Key.Esc], t => t.CancelHelp) { EnabledWhen = s => s.ShownRun is not null || s.Checking || s.Starting },
        new(Command.Next, [Key.F8, Key.N.WithCtrl], t => t.NextHelp) { Label = t => t.Next, EnabledWhen = Idle },
        new(Command.Previous, [Key.F7, Key.P.WithCtrl], t => t.PreviousHelp) { Label = t => t.Previous, EnabledWhen = Idle },
        new(Command.Panes, [Key.Tab, Key.Tab.WithShift], t => t.PanesHelp),
        new(Command.Choose, [Key.CursorUp, Key.CursorDown], t => t.ChooseHelp) { ViewHandles = true },
        new(Command.Hint, [Key.F2], t => t.HintHelp) { Label = t => t.Hint, EnabledWhen = Idle },
        new(Command.Restore, [Key.F3], t => t.RestoreHelp) { EnabledWhen = Idle },
        new(Command.ToggleOutput, [Key.F4], t => t.ToggleHelp),
        new(Command.ResetStep, [Key.F6], t => t.ResetHelp) { Label = t => t.ResetStep, EnabledWhen = Idle },
        new(Command.Restart, [Key.R.WithCtrl], t => t.RestartHelp) { Label = t => t.Restart, EnabledWhen = s => !s.IsBusy },
        new(Command.Overview, [Key.F9], t => t.OverviewKeyHelp),
        new(Command.Plot, [Key.G.WithCtrl], t => t.PlotKeyHelp),
        new(Command.Help, [Key.F1], t => t.HelpHelp) { Label = t => t.Help },
        new(Command.Quit, [Key.Q.WithCtrl], t => t.QuitHelp) { Label = t => t.Quit },
    ];

    /// <summary>The command bound to a key, or null (keys the focused view handles are not bound).</summary>
    public static KeyCommand? Find(Key key) => All.FirstOrDefault(c => !c.ViewHandles && c.Keys.Any(k => k == key));

    /// <summary>A key as people write it: "F5", "Ctrl+Enter", "Shift+Tab", "Up" (in the interface's language).</summary>
    public static string Name(Key key, Catalogue text) => key.ToString() switch
    {
        "CursorUp" => text.UpKey,
        "CursorDown" => text.DownKey,
        var name => name.Replace("Shift+", text.ShiftKey + "+", StringComparison.Ordinal),
    };

    public static string Keys(KeyCommand command, Catalogue text) => string.Join(", ", command.Keys.Select(k => Name(k, text)));

    /// <summary>The F1 help: every key and what it does.</summary>
    public static string Help(Catalogue text)
    {
        var width = All.Max(c => Keys(c, text).Length) + 3;
        var sb = new StringBuilder();
        foreach (var c in All) sb.Append(Keys(c, text).PadRight(width)).Append(c.Help(text)).Append('\n');
        return sb.Append(text.HelpFooter).ToString();
    }

    /// <summary>The README's key table (Markdown).</summary>
    public static string MarkdownTable(Catalogue text)
    {
        var sb = new StringBuilder("| key | action |\n| --- | --- |\n");
        foreach (var c in All) sb.Append("| ").Append(Keys(c, text)).Append(" | ").Append(c.Help(text)).Append(" |\n");
        return sb.ToString();
    }
}
