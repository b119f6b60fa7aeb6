using LabRunner.Running;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace LabRunner.Tui;

/// <summary>
/// A watched step's series as a plot (n_live_tup, n_dead_tup against time), with the trigger threshold as a dashed line
/// and the moment autovacuum ran (the marker changed) as a vertical one; the legend under it names them.
/// Thin: <see cref="PlotLayout"/> decides every cell, this view only colours and draws them.
/// </summary>
public sealed class WatchPlot : View
{
    private static readonly ColorName16[] SeriesColours = [ColorName16.BrightGreen, ColorName16.BrightRed, ColorName16.BrightCyan, ColorName16.BrightMagenta];
    private readonly string _thresholdWord;
    private readonly Func<string, TimeSpan, string> _markerChanged;
    private WatchSeries? _series;

    public WatchPlot(string thresholdWord, Func<string, TimeSpan, string> markerChanged)
    {
        _thresholdWord = thresholdWord;
        _markerChanged = markerChanged;
        CanFocus = false;
    }

    public WatchSeries? Series
    {
        get => _series;
        set
        {
            _series = value;
            SetNeedsDraw();
        }
    }

    protected override bool OnDrawingContent(DrawContext? context)
    {
        var vp = Viewport;
        var normal = GetAttributeForRole(VisualRole.Normal);
        SetAttribute(normal);
        for (var row = 0; row < vp.Height; row++)
        {
            Move(0, row);
            AddStr(new string(' ', vp.Width));
        }
        if (_series is null || vp.Height < 2) return true;
        // The legend under the plot, on as many rows as it needs (a narrow screen), never cut.
        var legend = PlotLayout.LegendLines(PlotLayout.Legend(_series, _thresholdWord, _markerChanged), vp.Width);
        var legendRows = Math.Min(legend.Count, vp.Height - 1);
        var cells = PlotLayout.Render(_series, vp.Width, vp.Height - legendRows);
        for (var row = 0; row < cells.GetLength(0); row++)
            for (var col = 0; col < cells.GetLength(1); col++)
            {
                var cell = cells[row, col];
                if (cell.Series == PlotCell.Empty) continue;
                SetAttribute(cell.Series switch
                {
                    >= 0 => new Attribute(SeriesColours[cell.Series % SeriesColours.Length], normal.Background),
                    PlotCell.Threshold => new Attribute(ColorName16.Yellow, normal.Background),
                    PlotCell.Marker => new Attribute(ColorName16.BrightBlue, normal.Background),
                    _ => normal,
                });
                Move(col, row);
                AddStr(cell.Glyph.ToString());
            }
        SetAttribute(normal);
        for (var i = 0; i < legendRows; i++)
        {
            Move(0, vp.Height - legendRows + i);
            AddStr(legend[i].Length > vp.Width ? legend[i][..vp.Width] : legend[i]);
        }
        return true;
    }
}
