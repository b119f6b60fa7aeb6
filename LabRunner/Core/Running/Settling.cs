using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Running;

/// <summary>
/// Tells when an `eventually` step can no longer come to match, so that it fails early instead of waiting out its window.
/// The sign is the expectation's own: a column it matches by shape (<c>last_autovacuum: timestamp</c>, <c>not_null</c>)
/// marks the event it waits for. Once that marker has changed during the wait (the event happened) and the whole result
/// has then stayed the same for <see cref="StableAttempts"/> attempts, nothing is left to wait for.
/// Without such a column, or before the marker moves, the step waits as before (a value may still arrive).
/// </summary>
internal sealed class Settling(Expectation expectation)
{
    public const int StableAttempts = 3;

    private readonly IReadOnlyList<string> _markers = expectation.Matchers
        .Where(m => m.Value is Matcher.Shape or Matcher.NotNull).Select(m => m.Key).ToList();
    private IReadOnlyList<string>? _lastMarkers;
    private string? _lastRows;
    private int _sameRows;
    private bool _changed;

    /// <summary>The marker column that moved, once it has; null while nothing has happened.</summary>
    public string? MovedMarker { get; private set; }
    /// <summary>When (since the step started) the marker was last seen to change.</summary>
    public TimeSpan MovedAt { get; private set; }
    /// <summary>When the result was first seen as it has been since.</summary>
    public TimeSpan SameSince { get; private set; }

    /// <summary>Records one attempt's output; true when the step has settled on a result that does not match.</summary>
    public bool Settled(StepOutput output, TimeSpan elapsed)
    {
        if (_markers.Count == 0 || output.LastResultSet is not { } rs) return false;
        var markers = _markers.Select(name => Cell(rs, name) ?? "\u2400").ToList();
        var rows = rs.RowsHash;
        if (_lastMarkers is not null && Enumerable.Range(0, markers.Count).FirstOrDefault(i => markers[i] != _lastMarkers[i], -1) is var moved and >= 0)
        {
            _changed = true;
            MovedMarker = _markers[moved];
            MovedAt = elapsed;
        }
        if (rows == _lastRows) _sameRows++;
        else
        {
            _sameRows = 1;
            SameSince = elapsed;
        }
        _lastMarkers = markers;
        _lastRows = rows;
        // The marker is part of the rows: a result unchanged since then began at or after the marker's move.
        return _changed && _sameRows >= StableAttempts;
    }

    private static string? Cell(ResultSet rs, string column)
    {
        var i = rs.Columns.ToList().FindIndex(c => c.Name == column);
        return i < 0 || rs.Rows.Count == 0 ? null : string.Join('\u001e', rs.Rows.Select(r => r[i] ?? "\u2400"));
    }
}
