using System.Globalization;
using LabRunner.Running;

namespace LabRunner.Tui;

/// <summary>What one cell of a plot shows: a glyph and what it belongs to (a series by index, or the frame, the threshold line or the marker).</summary>
public readonly record struct PlotCell(char Glyph, int Series)
{
    public const int Frame = -1;
    public const int Threshold = -2;
    public const int Marker = -3;
    public const int Empty = -4;
}

/// <summary>
/// A watched step's series laid out on a grid of cells (pure, so that tests read it): values against time since the step
/// started, the threshold as a horizontal dashed line, the moment the marker changed as a vertical one, y labels on the
/// left and the time span under the axis. Series glyphs: ● ◆ ▲ ■.
/// </summary>
public static class PlotLayout
{
    public static readonly char[] Glyphs = ['●', '◆', '▲', '■'];
    public const char ThresholdGlyph = '┄';
    public const char MarkerGlyph = '┆';

    public static PlotCell[,] Render(WatchSeries series, int width, int height)
    {
        var cells = new PlotCell[height, width];
        for (var r = 0; r < height; r++)
            for (var c = 0; c < width; c++) cells[r, c] = new PlotCell(' ', PlotCell.Empty);
        if (width < 12 || height < 4) return cells;

        var values = series.Samples.SelectMany(s => s.Values).OfType<double>().ToList();
        var top = Math.Max(values.DefaultIfEmpty(0).Max(), series.Threshold ?? 0);
        if (top <= 0) top = 1;
        var topLabel = Number(top);
        var margin = topLabel.Length + 1;
        var plotWidth = width - margin;
        var plotHeight = height - 2; // the axis and the time labels below it
        var span = Math.Max(series.Samples.Count == 0 ? 1 : series.Samples[^1].At.TotalSeconds, 1);

        int Row(double v) => plotHeight - 1 - (int)Math.Round(Math.Clamp(v / top, 0, 1) * (plotHeight - 1));
        int Col(TimeSpan t) => margin + (int)Math.Round(Math.Clamp(t.TotalSeconds / span, 0, 1) * (plotWidth - 1));
        void Put(int r, int c, char g, int s) { if (r >= 0 && r < height && c >= 0 && c < width) cells[r, c] = new PlotCell(g, s); }
        void Text(int r, int c, string text, int s) { for (var i = 0; i < text.Length; i++) Put(r, c + i, text[i], s); }

        // Frame: y labels (top and 0), the axis line, time labels.
        for (var r = 0; r < plotHeight; r++) Put(r, margin - 1, '│', PlotCell.Frame);
        Text(0, 0, topLabel.PadLeft(margin - 1), PlotCell.Frame);
        Text(plotHeight - 1, 0, "0".PadLeft(margin - 1), PlotCell.Frame);
        Put(plotHeight, margin - 1, '└', PlotCell.Frame);
        for (var c = margin; c < width; c++) Put(plotHeight, c, '─', PlotCell.Frame);
        Text(plotHeight + 1, margin, "0 s", PlotCell.Frame);
        var end = $"{Number(span)} s";
        Text(plotHeight + 1, width - end.Length, end, PlotCell.Frame);

        if (series.Threshold is { } threshold)
            for (var c = margin; c < width; c++) Put(Row(threshold), c, ThresholdGlyph, PlotCell.Threshold);
        if (series.MarkerChangedAt is { } moved)
            for (var r = 0; r < plotHeight; r++) Put(r, Col(moved), MarkerGlyph, PlotCell.Marker);
        foreach (var sample in series.Samples)
            for (var i = 0; i < sample.Values.Count; i++)
                if (sample.Values[i] is { } v) Put(Row(v), Col(sample.At), Glyphs[i % Glyphs.Length], i);
        return cells;
    }

    /// <summary>The legend under the plot: each series' glyph and name, the threshold's value, when the marker changed.</summary>
    public static string Legend(WatchSeries series, string thresholdWord, Func<string, TimeSpan, string> markerChanged)
    {
        var parts = series.Columns.Select((c, i) => $"{Glyphs[i % Glyphs.Length]} {c}").ToList();
        if (series.Threshold is { } t) parts.Add($"{ThresholdGlyph} {thresholdWord} {Number(t)}");
        if (series is { Marker: { } marker, MarkerChangedAt: { } at }) parts.Add($"{MarkerGlyph} {markerChanged(marker, at)}");
        return string.Join("   ", parts);
    }

    /// <summary>The legend on rows of <paramref name="width"/> columns, broken between its parts.</summary>
    public static IReadOnlyList<string> LegendLines(string legend, int width)
    {
        var lines = new List<string>();
        foreach (var part in legend.Split("   "))
        {
            if (lines.Count > 0 && lines[^1].Length + 3 + part.Length <= width) lines[^1] += "   " + part;
            else lines.Add(part);
        }
        return lines;
    }

    private static string Number(double v) => Math.Round(v).ToString("0", CultureInfo.InvariantCulture);
}
