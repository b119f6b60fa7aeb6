using System.Drawing;
using LabRunner.Psql;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace LabRunner.Tui;

/// <summary>
/// Read-only, scrollable text (psql output, a dialog's message) drawn in the normal colours, with some cells highlighted.
/// Up/Down, PgUp/PgDn, Home/End scroll it, Left/Right sideways; when there is more than fits, the first or last row says
/// how many lines are hidden ("↑ 12 more lines above"). <see cref="FollowEnd"/> panes open at their end (a long run's last
/// lines and exit code matter most).
/// </summary>
public sealed class TextPane : View
{
    private IReadOnlyList<string> _lines = [];
    private bool _toEnd;

    public TextPane()
    {
        CanFocus = true;
        TabStop = TabBehavior.TabStop;
        ViewportSettings |= ViewportSettingsFlags.HasVerticalScrollBar | ViewportSettingsFlags.HasHorizontalScrollBar;
    }

    public IReadOnlyList<CellSpan> Highlights { get; private set; } = [];
    public IReadOnlyList<string> Lines => _lines;
    /// <summary>New text is shown from its end (long output), not its start.</summary>
    public bool FollowEnd { get; set; }
    public Palette Palette { get; set; } = Palette.Colour;
    /// <summary>How a highlighted cell is drawn (given the pane's normal attribute).</summary>
    public Func<Palette, Attribute, Attribute> Mark { get; set; } = (p, normal) => p.ActualCell(normal);
    /// <summary>The words for hidden lines (the interface's language).</summary>
    public Func<int, string> MoreAbove { get; set; } = n => $"↑ {n} more lines above";
    public Func<int, string> MoreBelow { get; set; } = n => $"↓ {n} more lines below";

    /// <summary>Lines hidden above and below the visible ones (the rows that say so count as hidden).</summary>
    public (int Above, int Below) Hidden
    {
        get
        {
            var (top, rows) = (Viewport.Y, Viewport.Height);
            if (rows < 3 || _lines.Count <= rows) return (0, 0);
            var above = top > 0 ? top + 1 : 0;
            var below = top + rows < _lines.Count ? _lines.Count - (top + rows - 1) : 0;
            return (above, below);
        }
    }

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
        // A highlighted cell is shown first; otherwise long output from its end.
        var y = Highlights.Count > 0 ? Math.Max(0, Highlights[0].Line - 2) : 0;
        Viewport = Viewport with { X = 0, Y = y };
        _toEnd = FollowEnd && Highlights.Count == 0;
        SetNeedsDraw();
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        if (_toEnd && Viewport.Height > 0)
        {
            _toEnd = false;
            var end = Math.Max(0, _lines.Count - Viewport.Height);
            if (Viewport.Y != end) Viewport = Viewport with { Y = end };
        }
        var normal = GetAttributeForRole(HasFocus ? VisualRole.Focus : VisualRole.Normal);
        var mark = Mark(Palette, normal);
        var note = Palette.Note(normal);
        var vp = Viewport;
        var (above, below) = Hidden;
        for (var row = 0; row < vp.Height; row++)
        {
            Move(0, row);
            if ((row == 0 && above > 0) || (row == vp.Height - 1 && below > 0))
            {
                var says = row == 0 && above > 0 ? MoreAbove(above) : MoreBelow(below);
                SetAttribute(note);
                AddStr(Fit(says, vp.Width));
                continue;
            }
            var index = vp.Y + row;
            var line = index < _lines.Count ? _lines[index] : "";
            var visible = Fit(vp.X < line.Length ? line[vp.X..] : "", vp.Width);
            SetAttribute(normal);
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

    private static string Fit(string s, int width) => s.Length > width ? s[..Math.Max(0, width)] : s.PadRight(width);

    protected override bool OnKeyDown(Key key) => Scroll(key);

    /// <summary>Scrolls by a key (also used by a dialog for the message it shows while its buttons have the focus).</summary>
    public bool Scroll(Key key)
    {
        var vp = Viewport;
        var content = GetContentSize();
        var bottom = Math.Max(0, content.Height - vp.Height);
        int? y = key.KeyCode switch
        {
            KeyCode.CursorDown => vp.Y + 1,
            KeyCode.CursorUp => vp.Y - 1,
            KeyCode.PageDown => vp.Y + Math.Max(1, vp.Height - 2),
            KeyCode.PageUp => vp.Y - Math.Max(1, vp.Height - 2),
            KeyCode.Home => 0,
            KeyCode.End => bottom,
            _ => null,
        };
        int? x = key.KeyCode switch { KeyCode.CursorRight => vp.X + 8, KeyCode.CursorLeft => vp.X - 8, _ => null };
        if (y is null && x is null) return false;
        _toEnd = false;
        Viewport = vp with
        {
            X = Math.Clamp(x ?? vp.X, 0, Math.Max(0, content.Width - vp.Width)),
            Y = Math.Clamp(y ?? vp.Y, 0, bottom),
        };
        SetNeedsDraw();
        return true;
    }
}
