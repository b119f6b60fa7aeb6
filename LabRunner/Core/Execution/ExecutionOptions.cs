namespace LabRunner.Execution;

public sealed record ExecutionOptions
{
    /// <summary>Per-statement timeout unless a step sets its own.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Rows kept per result set for display and comparison; all rows are still counted and hashed.</summary>
    public int MaxKeptRows { get; init; } = 10_000;
}

