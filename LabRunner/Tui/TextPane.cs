using System.Drawing;
using LabRunner.Psql;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace LabRunner.Tui;

/// <summary>Read-only, scrollable text (psql output) drawn in the normal colours, with some cells highlighted.</summary>
public sealed class TextPane : View
{
    private IReadOnlyList<string> _lines = [];

    public TextPane()
    {
        CanFocus = true;
        TabStop = TabBehavior.TabStop;
    }

    public IReadOnlyList<CellSpan> Highlights { get; private set; } = [];

    public IReadOnlyList<string> Lines => _lines;

    public void Show(PaneContent content) => Show(content.Text, content.Highlights);

    public void Show(string text, IReadOnlyList<CellSpan>? highlights = null)
    {
        // A carriage return rewinds the line in a terminal (rsync --progress, pg_basebackup -P): show what is left.
        var lines = text.Replace("\r\n", "\n").Split('\n')
            .Select(l => l.Contains('\r') ? l.Split('\r').LastOrDefault(p => p.Length > 0) ?? "" : l).ToArray();
        var same = lines.SequenceEqual(_lines) && (highlights ?? []).SequenceEqual(Highlights);
        if (same) return;
        _lines = lines;
        Highlights = highlights ?? [];
        SetContentSize(new Size(Math.Max(1, lines.Max(l => l.Length)), Math.Max(1, lines.Length)));
        Viewport = Viewport with { X = 0, Y = 0 };
        SetNeedsDraw();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = GetAttributeForRole(HasFocus ? VisualRole.Focus : VisualRole.Normal);
        var mark = new Attribute(ColorName16.Black, ColorName16.BrightYellow);
        var vp = Viewport;
        for (var row = 0; row < vp.Height; row++)
        {
            var index = vp.Y + row;
            var line = index < _lines.Count ? _lines[index] : "";
            var visible = vp.X < line.Length ? line[vp.X..] : "";
            visible = visible.Length > vp.Width ? visible[..vp.Width] : visible.PadRight(vp.Width);
            SetAttribute(normal);
            Move(0, row);
            AddStr(visible);
            foreach (var h in Highlights.Where(h => h.Line == index))
            {
                var start = Math.Max(0, h.Start - vp.X);
                var end = Math.Min(vp.Width, h.Start + h.Length - vp.X);
                if (end <= start) continue;
                SetAttribute(mark);
                Move(start, row);
                AddStr(visible[start..end]);
            }
        }
        return true;
    }

    protected override bool OnKeyDown(Key key)
    {
        var vp = Viewport;
        int? dy = key.KeyCode switch
        {
            KeyCode.CursorDown => 1,
            KeyCode.CursorUp => -1,
            KeyCode.PageDown => Math.Max(1, vp.Height - 1),
            KeyCode.PageUp => -Math.Max(1, vp.Height - 1),
            _ => null,
        };
        int? dx = key.KeyCode switch { KeyCode.CursorRight => 4, KeyCode.CursorLeft => -4, _ => null };
        if (dy is null && dx is null) return false;
        var content = GetContentSize();
        var y = Math.Clamp(vp.Y + (dy ?? 0), 0, Math.Max(0, content.Height - vp.Height));
        var x = Math.Clamp(vp.X + (dx ?? 0), 0, Math.Max(0, content.Width - vp.Width));
        Viewport = vp with { X = x, Y = y };
        SetNeedsDraw();
        return true;
    }
}
