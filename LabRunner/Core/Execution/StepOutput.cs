using LabRunner.Psql;
namespace LabRunner.Execution;

public enum StepOutcome { Completed, Failed, Cancelled, TimedOut }

/// <summary>What a step produced: the text a student would have seen in psql (or the terminal) plus structured results.</summary>
public sealed record StepOutput(string Text, IReadOnlyList<StatementResult> Results, StepOutcome Outcome, TimeSpan Duration)
{
    public StatementError? FirstError => Results.OfType<StatementError>().FirstOrDefault();
    public ResultSet? LastResultSet => Results.OfType<ResultSet>().LastOrDefault();
    /// <summary>Where the result sets' cells are in <see cref="Text"/> (for highlighting a cell; empty for shell steps).</summary>
    public IReadOnlyList<RenderedTable> Tables { get; init; } = [];
}
