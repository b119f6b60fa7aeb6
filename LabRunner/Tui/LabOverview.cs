using LabRunner.Labs;
using LabRunner.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;
using Color = Terminal.Gui.Drawing.Color;

namespace LabRunner.Tui;

/// <summary>
/// The lab's overview, before the first step and one key away: <see cref="OverviewText"/>'s lines, then the Objetivo
/// Visual as half-block colour art when the lab's image is there, else <see cref="LabDiagram"/>'s boxes.
/// </summary>
public sealed class LabOverview : View
{
    private readonly Lab _lab;
    private readonly Catalogue _text;
    private readonly Func<IReadOnlyList<KeyValuePair<string, string>>> _connection;
    private readonly Func<TimeSpan> _elapsed;
    private readonly string? _image;
    private (int Width, int Rows, HalfBlock[,]? Art)? _art;

    public LabOverview(Lab lab, Catalogue text, Func<IReadOnlyList<KeyValuePair<string, string>>> connection, Func<TimeSpan> elapsed)
    {
        _lab = lab;
        _text = text;
        _connection = connection;
        _elapsed = elapsed;
        _image = OverviewText.ImagePath(lab);
        CanFocus = true;
    }

    /// <summary>Whether the picture is the lab's image (else the drawn diagram).</summary>
    public bool ShowsImage => _image is not null;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var vp = Viewport;
        var normal = GetAttributeForRole(VisualRole.Normal);
        SetAttribute(normal);
        // Wrapped, not cut: an objective longer than the screen is read whole (80 columns is a real student's terminal).
        var lines = OverviewText.Lines(_lab, _connection(), _elapsed(), _text).Append("").SelectMany(l => QuestionBox.Wrap(l, vp.Width)).ToList();
        var row = 0;
        void Line(string text)
        {
            if (row >= vp.Height) return;
            Move(0, row++);
            AddStr((text.Length > vp.Width ? text[..vp.Width] : text).PadRight(vp.Width));
        }
        foreach (var line in lines) Line(line);
        var left = vp.Height - row - 1;
        var art = _image is null ? null : Art(vp.Width - 2, left);
        if (art is not null)
        {
            for (var r = 0; r < art.GetLength(0) && row < vp.Height; r++, row++)
            {
                Move(2, row);
                for (var c = 0; c < art.GetLength(1); c++)
                {
                    var cell = art[r, c];
                    SetAttribute(new Attribute(new Color(cell.Top.R, cell.Top.G, cell.Top.B), new Color(cell.Bottom.R, cell.Bottom.G, cell.Bottom.B)));
                    AddStr(HalfBlockArt.Glyph.ToString());
                }
            }
            SetAttribute(normal);
        }
        else
            foreach (var line in LabDiagram.Lines(_lab, vp.Width - 2)) Line("  " + line);
        while (row < vp.Height - 1) Line("");
        Line(_text.OverviewKeys);
        return true;
    }

    /// <summary>The image's art for this size, decoded once per size.</summary>
    private HalfBlock[,]? Art(int width, int rows)
    {
        if (_art is { } known && known.Width == width && known.Rows == rows) return known.Art;
        var art = HalfBlockArt.Load(_image!, width, rows);
        _art = (width, rows, art);
        return art;
    }
}
