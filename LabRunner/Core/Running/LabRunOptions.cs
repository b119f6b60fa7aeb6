using LabRunner.Execution;
namespace LabRunner.Running;

public sealed record LabRunOptions
{
    public ExecutionOptions Execution { get; init; } = new();
    /// <summary>Run the lab's setup SQL before the first step (off for grading: nothing that writes).</summary>
    public bool RunSetup { get; init; } = true;
    /// <summary>How often progress is raised while a step waits (eventually's countdown, long statements).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(1);
    /// <summary>
    /// What the user allowed for the whole run (the CLI's --allow-shell). A single step may be granted more
    /// (<see cref="LabRun.RunStepAsync"/>: the TUI asks per step); a step needing what neither grants is skipped.
    /// </summary>
    public Consent Consent { get; init; } = Consent.None;
    /// <summary>What the lab's setup SQL may do beyond <see cref="Consent"/> (the TUI's --allow-shell: the setup runs before any question).</summary>
    public Consent SetupConsent { get; init; } = Consent.None;
    /// <summary>
    /// After a step blocks on another session's lock, how long the run waits before the next step (or until the blocked
    /// one ends): a student's pace. By then the waiting session has run its deadlock check (deadlock_timeout, 1 s by
    /// default), so a deadlock the next step closes is detected in the session that closes it, as at a keyboard.
    /// </summary>
    public TimeSpan PaceAfterLockWait { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>Which part of a lab to run: a task id and/or a step id (null = all).</summary>
public sealed record LabRunFilter(string? TaskId = null, string? StepId = null)
{
    /// <summary>With a task chosen, run the steps of the tasks it needs (`needs:`, and theirs) before it: check --task.</summary>
    public bool WithNeeds { get; init; }

    public static readonly LabRunFilter All = new();
}
