namespace LabRunner.Execution;

public sealed record ExecutionOptions
{
    /// <summary>Per-statement timeout unless a step sets its own.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How a config edit step is done: null applies the lab's lines (check); the TUI opens the student's editor.</summary>
    public IConfigEditor? Editor { get; init; }
    /// <summary>Rows kept per result set for display and comparison; all rows are still counted and hashed.</summary>
    public int MaxKeptRows { get; init; } = 10_000;
}

