using LabRunner.Psql;
namespace LabRunner.Execution;

/// <summary>
/// How a step ended. ConnectionLost: the server went away mid-step (the connection closed without a word, and psql's
/// reset could not reconnect) or could not be reached for a step: an environment problem, not the student's.
/// </summary>
public enum StepOutcome { Completed, Failed, Cancelled, TimedOut, ConnectionLost }

/// <summary>What a step produced: the text a student would have seen in psql (or the terminal) plus structured results.</summary>
public sealed record StepOutput(string Text, IReadOnlyList<StatementResult> Results, StepOutcome Outcome, TimeSpan Duration)
{
    public StatementError? FirstError => Results.OfType<StatementError>().FirstOrDefault();
    public ResultSet? LastResultSet => Results.OfType<ResultSet>().LastOrDefault();
    /// <summary>Where the result sets' cells are in <see cref="Text"/> (for highlighting a cell; empty for shell steps).</summary>
    public IReadOnlyList<RenderedTable> Tables { get; init; } = [];

    /// <summary>libpq's words (and psql's) when the server closes the connection without a message.</summary>
    public const string ServerClosedConnection = "server closed the connection unexpectedly";
}
