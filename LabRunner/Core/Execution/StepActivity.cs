namespace LabRunner.Execution;

/// <summary>What a running step is doing now, as data (the TUI and the CLI word it in their language).</summary>
public abstract record StepActivity;

/// <summary>The statement or command is running (no lock to wait on).</summary>
public sealed record Executing : StepActivity
{
    /// <summary>
    /// What the server process waits on besides a lock (pg_stat_activity.wait_event_type: "Timeout" in pg_sleep, "IO",
    /// "Client"...), null when it computes or nothing is known.
    /// </summary>
    public string? WaitEventType { get; init; }
}

/// <summary>
/// The statement waits for a lock (pg_stat_activity.wait_event_type = 'Lock'): held by the server process
/// <paramref name="BlockedByPid"/>, which is this lab's session <paramref name="BlockingSession"/> when it is one of
/// them, on <paramref name="Relation"/> when the lock is a relation's. Each part is null when it cannot be told.
/// </summary>
public sealed record LockWait(int? BlockedByPid, string? BlockingSession, string? Relation) : StepActivity;

/// <summary>A running step's report: what it is doing, and for how long it has been running.</summary>
public sealed record StepProgress(StepActivity Activity, TimeSpan Elapsed);
