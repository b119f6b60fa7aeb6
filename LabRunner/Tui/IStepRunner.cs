using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Running;

namespace LabRunner.Tui;

/// <summary>The engine as the TUI sees it: run one step and judge it; start the lab's database afresh. Never called on the UI thread.</summary>
public interface IStepRunner : IAsyncDisposable
{
    /// <summary>The server as it runs (asked only once it is started).</summary>
    ServerInfo Server { get; }
    /// <summary>
    /// Starts the lab's server and runs its setup, with <paramref name="setupConsent"/> for setup SQL that runs programs
    /// (kept for later restarts). A runner made already started has nothing to do.
    /// </summary>
    Task StartAsync(Consent setupConsent, CancellationToken ct) => Task.CompletedTask;
    /// <summary>The command a step runs on this server as the student sees it: the version's variant, {{variables}} filled in.</summary>
    StepAction ActionFor(Step step);
    /// <summary>Why a step cannot run on this server at all (a shell step on a shared server...), or null: then no consent is asked.</summary>
    VerdictReason? WhyNotHere(StepAction action) => null;
    Task<StepRunResult> RunAsync(StepRunRequest request, IProgress<RunActivity> progress, CancellationToken ct);
    Task RestartAsync(CancellationToken ct);
    /// <summary>The lab's grading checks on this server, read-only, as `grade` runs them ("Check my work").</summary>
    Task<IReadOnlyList<CheckOutcome>> CheckAsync(CancellationToken ct);
}

/// <summary>One grading check's verdict, named by its task and title.</summary>
public sealed record CheckOutcome(string Task, string Check, Verdict Verdict);

public sealed record ServerInfo(string Description, bool IsSandbox, string Version, int MajorVersion, string Database)
{
    /// <summary>The sandbox's servers that run, as "name:port" (main first); empty elsewhere.</summary>
    public IReadOnlyList<string> Running { get; init; } = [];
    /// <summary>How to reach the lab's server, for the overview's help table: socket, port, data directory, user (the sandbox's real values).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Connection { get; init; } = [];
}

/// <summary>The step and the command to run (the student's edit or the lab's own, already picked for the server version).</summary>
public sealed record StepRunRequest(LabTask Task, Step Step, StepAction Action, bool AllowShell);

public sealed record StepRunResult(StepOutput Output, Verdict Verdict)
{
    /// <summary>A watched step's recorded series (for the plot), else null.</summary>
    public WatchSeries? Series { get; init; }
}

/// <summary>What a running step does or waits for (a lock held by another session, the next try of an eventually-check), as data.</summary>
public sealed record RunActivity(StepActivity? Activity = null, TimeSpan? GivesUpIn = null)
{
    public bool WaitingForLock => Activity is LockWait;
    /// <summary>A watched step's series so far (for the plot while it runs).</summary>
    public WatchSeries? Series { get; init; }
    public TimeSpan? NextCheckIn => (Activity as EventuallyRetry)?.NextIn;
}
