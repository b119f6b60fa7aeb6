namespace LabRunner.Execution;

public sealed record ExecutionOptions
{
    /// <summary>Per-statement timeout unless a step sets its own.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>Shell steps run only when the user allowed them (--allow-shell, or the TUI's consent).</summary>
    public bool AllowShell { get; init; }
    /// <summary>
    /// Shell steps may run on the host when they cannot be confined (no bubblewrap, or a server LabRunner did not start):
    /// --unconfined-shell, or the TUI's explicit consent. Never implied by <see cref="AllowShell"/>.
    /// </summary>
    public bool AllowUnconfinedShell { get; init; }
    /// <summary>How a config edit step is done: null applies the lab's lines (check); the TUI opens the student's editor.</summary>
    public IConfigEditor? Editor { get; init; }
    /// <summary>Rows kept per result set for display and comparison; all rows are still counted and hashed.</summary>
    public int MaxKeptRows { get; init; } = 10_000;
}

/// <summary>What a running step is doing now, for spinners and stderr progress ("running", "waiting for lock").</summary>
public sealed record StepProgress(string Activity, TimeSpan Elapsed);
