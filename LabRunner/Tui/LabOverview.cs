using LabRunner.Labs;
using LabRunner.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Color = Terminal.Gui.Drawing.Color;

namespace LabRunner.Tui;

/// <summary>
/// The lab's overview, before the first step and one key away: <see cref="OverviewText"/>'s lines, then the Objetivo
/// Visual as half-block colour art when the lab's image is there, else <see cref="LabDiagram"/>'s boxes. In a terminal
/// that draws pixels (Sixel or Kitty graphics, as Terminal.Gui detects at start) the image is drawn as pixels instead,
/// in the same cells, while it is wholly in view.
/// </summary>
public sealed class LabOverview : View
{
    private readonly Lab _lab;
    private readonly Catalogue _text;
    private readonly Func<IReadOnlyList<KeyValuePair<string, string>>> _connection;
    private readonly Func<TimeSpan> _elapsed;
    private readonly string? _image;
    private (int Width, int Rows, HalfBlock[,]? Art)? _art;
    private ImageView? _raster;
    private (int Width, int Rows)? _rasterSize;

    public LabOverview(Lab lab, Catalogue text, Func<IReadOnlyList<KeyValuePair<string, string>>> connection, Func<TimeSpan> elapsed)
    {
        _lab = lab;
        _text = text;
        _connection = connection;
        _elapsed = elapsed;
        _image = OverviewText.ImagePath(lab);
        CanFocus = true;
    }

    /// <summary>The screen's colours (NO_COLOR respected).</summary>
    public Palette Palette { get; init; } = Palette.Colour;

    /// <summary>Whether the picture is the lab's image (else the drawn diagram).</summary>
    public bool ShowsImage => _image is not null;

    /// <summary>Whether the image is drawn as pixels (Sixel/Kitty) rather than as half-blocks right now.</summary>
    public bool ShowsPixels => _raster is { Visible: true };

    /// <summary>The first row shown (the overview scrolls when it is taller than the screen, as at 80x24).</summary>
    public int Top { get; private set; }

    /// <summary>Rows above and below the ones shown.</summary>
    public (int Above, int Below) Hidden { get; private set; }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var vp = Viewport;
        var normal = GetAttributeForRole(VisualRole.Normal);
        var rows = Rows(vp.Width, Math.Max(1, vp.Height - 1));
        // The last row keeps the keys; the rows above it scroll.
        var area = Math.Max(1, vp.Height - 1);
        Top = Math.Clamp(Top, 0, Math.Max(0, rows.Count - area));
        var above = Top;
        var below = Math.Max(0, rows.Count - Top - area);
        Hidden = (above, below);
        var pixels = PlacePixels(rows, area);
        for (var r = 0; r < area; r++)
        {
            Move(0, r);
            SetAttribute(normal);
            if ((r == 0 && above > 0) || (r == area - 1 && below > 0))
            {
                SetAttribute(Palette.Note(normal));
                AddStr(Fit(r == 0 && above > 0 ? _text.MoreAbove(above) : _text.MoreBelow(below), vp.Width));
                continue;
            }
            var index = Top + r;
            if (index >= rows.Count) { AddStr(new string(' ', vp.Width)); continue; }
            var row = rows[index];
            if (row.Art is null) { AddStr(Fit(row.Text, vp.Width)); continue; }
            AddStr(new string(' ', vp.Width));
            if (pixels) continue; // the raster image covers these cells
            Move(2, r);
            for (var c = 0; c < row.Art.GetLength(1); c++)
            {
                var cell = row.Art[row.ArtRow, c];
                SetAttribute(new Attribute(new Color(cell.Top.R, cell.Top.G, cell.Top.B), new Color(cell.Bottom.R, cell.Bottom.G, cell.Bottom.B)));
                AddStr(HalfBlockArt.Glyph.ToString());
            }
        }
        SetAttribute(normal);
        Move(0, vp.Height - 1);
        AddStr(Fit(rows.Count > area ? _text.OverviewKeys + " · " + _text.OverviewScrollKeys : _text.OverviewKeys, vp.Width));
        return true;
    }

    /// <summary>
    /// Puts the pixel image over the art's cells when the terminal draws pixels and the art is wholly in view between the
    /// "more" notes (a half-scrolled image would be squeezed, not cropped: the half-blocks show that part instead).
    /// </summary>
    private bool PlacePixels(List<Row> rows, int area)
    {
        var resolution = App?.Driver?.KittyGraphicsSupport is { IsSupported: true } kitty ? kitty.Resolution
            : App?.Driver?.SixelSupport is { IsSupported: true } sixel ? sixel.Resolution : (System.Drawing.Size?)null;
        var first = rows.FindIndex(r => r.Art is not null);
        var count = first < 0 ? 0 : rows[first].Art!.GetLength(0);
        int top = first - Top, bottom = top + count; // view rows [top, bottom)
        var inView = count > 0 && top >= (Top > 0 ? 1 : 0) && bottom <= area - (Top + area < rows.Count ? 1 : 0);
        if (resolution is not { } res || !inView)
        {
            if (_raster is not null) _raster.Visible = false;
            return false;
        }
        var columns = rows[first].Art!.GetLength(1);
        if (_raster is null)
        {
            _raster = new ImageView { CanFocus = false };
            Add(_raster);
        }
        if (_rasterSize != (columns, count) && HalfBlockArt.Pixels(_image!, columns * res.Width, count * res.Height) is { } image)
        {
            var colours = new Color[image.GetLength(0), image.GetLength(1)];
            for (var x = 0; x < image.GetLength(0); x++)
                for (var y = 0; y < image.GetLength(1); y++)
                    colours[x, y] = new Color(image[x, y].R, image[x, y].G, image[x, y].B);
            _raster.Image = colours;
            _rasterSize = (columns, count);
        }
        if (_raster.Frame != new System.Drawing.Rectangle(2, top, columns, count))
        {
            _raster.X = 2;
            _raster.Y = top;
            _raster.Width = columns;
            _raster.Height = count;
            SetNeedsLayout();
        }
        _raster.Visible = true;
        return true;
    }

    /// <summary>
    /// Scrolls by a key (Up/Down, PgUp/PgDn, Home/End); false for other keys. The screen passes keys here while the
    /// overview is shown, wherever the focus is.
    /// </summary>
    public bool Scroll(Key key)
    {
        var page = Math.Max(1, Viewport.Height - 3);
        int? top = key.KeyCode switch
        {
            KeyCode.CursorDown => Top + 1,
            KeyCode.CursorUp => Top - 1,
            KeyCode.PageDown => Top + page,
            KeyCode.PageUp => Top - page,
            KeyCode.Home => 0,
            KeyCode.End => int.MaxValue / 2,
            _ => null,
        };
        if (top is null) return false;
        Top = Math.Max(0, top.Value); // clamped to the content when drawn
        SetNeedsDraw();
        return true;
    }

    protected override bool OnKeyDown(Key key) => Scroll(key);

    /// <summary>One row of the overview: text, or a row of the image's art.</summary>
    private sealed record Row(string Text, HalfBlock[,]? Art = null, int ArtRow = 0);

    /// <summary>
    /// Every row, wrapped (not cut: an objective longer than the screen is read whole, 80 columns is a real student's
    /// terminal; a wrapped bullet goes on under its text), then the picture: the image at most a screen high, or the diagram.
    /// </summary>
    private List<Row> Rows(int width, int area)
    {
        var rows = OverviewText.Lines(_lab, _connection(), _elapsed(), _text).Append("")
            .SelectMany(l => Wrapped(l, width)).Select(l => new Row(l)).ToList();
        var art = _image is null ? null : Art(width - 2, Math.Max(6, area - rows.Count));
        if (art is not null)
            for (var r = 0; r < art.GetLength(0); r++) rows.Add(new Row("", art, r));
        else
            rows.AddRange(LabDiagram.Lines(_lab, width - 2).Select(l => new Row("  " + l)));
        return rows;
    }

    /// <summary>A line wrapped to the width; a bullet's ("  • ") or an indented line's continuation keeps its indent.</summary>
    private static IEnumerable<string> Wrapped(string line, int width)
    {
        var indent = line.Length - line.TrimStart().Length + (line.TrimStart().StartsWith("• ", StringComparison.Ordinal) ? 2 : 0);
        if (line.Length <= width || indent >= width / 2) return QuestionBox.Wrap(line, width);
        var pad = new string(' ', indent);
        var first = QuestionBox.Wrap(line, width);
        if (first.Count < 2) return first;
        var rest = QuestionBox.Wrap(string.Join(' ', first.Skip(1).Select(l => l.Trim())), width - indent).Select(l => pad + l);
        return new[] { first[0] }.Concat(rest);
    }

    private static string Fit(string s, int width) => s.Length > width ? s[..Math.Max(0, width)] : s.PadRight(width);

    /// <summary>The image's art for this size, decoded once per size.</summary>
    private HalfBlock[,]? Art(int width, int rows)
    {
        if (_art is { } known && known.Width == width && known.Rows == rows) return known.Art;
        var art = HalfBlockArt.Load(_image!, width, rows);
        _art = (width, rows, art);
        return art;
    }
}
