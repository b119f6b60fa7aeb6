using System.Globalization;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Running;

/// <summary>Turns each attempt's result into a <see cref="WatchSample"/> of the watched columns.</summary>
internal sealed class WatchRecorder(Watch watch, double? threshold)
{
    private readonly List<WatchSample> _samples = [];
    private string? _lastMarker;
    private bool _seenMarker;

    public WatchSeries Series => new(watch.Series, watch.Marker, threshold, [.. _samples]);

    public WatchSeries Add(StepOutput output, TimeSpan at)
    {
        var rs = output.LastResultSet;
        var values = watch.Series.Select(c => rs is null ? null : Number(Cell(rs, c))).ToList();
        var changed = false;
        if (watch.Marker is { } marker && rs is not null)
        {
            var now = Cell(rs, marker);
            changed = _seenMarker && now != _lastMarker;
            _lastMarker = now;
            _seenMarker = true;
        }
        _samples.Add(new WatchSample(at, values, changed));
        return Series;
    }

    /// <summary>The first number in a one-value result (the threshold query's), or null.</summary>
    public static double? FirstNumber(StepOutput output) =>
        output.LastResultSet is { Rows.Count: > 0 } rs && rs.Rows[0].Count > 0 ? Number(rs.Rows[0][0]) : null;

    private static string? Cell(ResultSet rs, string column)
    {
        var i = rs.Columns.ToList().FindIndex(c => c.Name == column);
        return i < 0 || rs.Rows.Count == 0 ? null : rs.Rows[0][i];
    }

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;
}
