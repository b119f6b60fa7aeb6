namespace LabRunner.Running;

/// <summary>
/// What a watched step recorded: the series columns' values at each attempt (null where a cell is not a number), the
/// threshold line when the lab gives one, and when the marker column changed (autovacuum ran).
/// </summary>
public sealed record WatchSeries(IReadOnlyList<string> Columns, string? Marker, double? Threshold, IReadOnlyList<WatchSample> Samples)
{
    /// <summary>When the marker was first seen to change, since the step started; null while it has not.</summary>
    public TimeSpan? MarkerChangedAt => Samples.FirstOrDefault(s => s.MarkerChanged)?.At;
}

/// <summary>One attempt's values, <paramref name="At"/> since the step started; <paramref name="MarkerChanged"/>: the marker differs from the attempt before.</summary>
public sealed record WatchSample(TimeSpan At, IReadOnlyList<double?> Values, bool MarkerChanged);
