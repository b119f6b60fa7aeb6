using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

/// <summary>
/// A stand-in engine for screen tests that are about the screen (navigation, dialogs, progress), not about PostgreSQL:
/// it answers each run with a scripted result, optionally holding it until released.
/// </summary>
public sealed class ScriptedRunner : IStepRunner
{
    private readonly Func<StepRunRequest, StepRunResult> _respond;
    private TaskCompletionSource? _gate;
    private TaskCompletionSource? _restartGate;

    public ScriptedRunner(Func<StepRunRequest, StepRunResult>? respond = null) => _respond = respond ?? (_ => Ok());

    /// <summary>The default answer: a one-row table, passed.</summary>
    public static StepRunResult Ok() => new(
        new StepOutput(" ok \n----\n t\n(1 row)\n", [], StepOutcome.Completed, TimeSpan.FromMilliseconds(12)), Verdict.Pass());

    public ServerInfo Server { get; } = new("sandbox", true, "15.18", 15, "curso");
    public StepAction ActionFor(Step step) => step.ActionFor(Server.MajorVersion);
    public List<StepRunRequest> Requests { get; } = [];
    private int _restarts;
    /// <summary>Restarts that reached the runner (on a worker thread, as the real engine's do).</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>What a held run reports while it waits (by default a lock held by another session).</summary>
    public RunActivity WhileHeld { get; set; } = new(new LockWait(4242, "alice", "acct"));

    /// <summary>Runs wait until <see cref="Release"/>; they honour cancellation meanwhile.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    public void Release() => _gate?.TrySetResult();

    public async Task<StepRunResult> RunAsync(StepRunRequest request, IProgress<RunActivity> progress, CancellationToken ct)
    {
        lock (Requests) Requests.Add(request);
        if (_gate is { } gate)
        {
            progress.Report(WhileHeld);
            await gate.Task.WaitAsync(ct);
        }
        return _respond(request);
    }

    /// <summary>Restarts wait until <see cref="ReleaseRestart"/> (a server takes a while to come up).</summary>
    public void HoldRestart() => _restartGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    public void ReleaseRestart() => _restartGate?.TrySetResult();

    public async Task RestartAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _restarts);
        if (_restartGate is { } gate) await gate.Task.WaitAsync(ct);
    }

    /// <summary>What "Check my work" answers (none by default: a lab without checks).</summary>
    public List<CheckOutcome> Checks { get; } = [];
    public int CheckRuns { get; private set; }

    public Task<IReadOnlyList<CheckOutcome>> CheckAsync(CancellationToken ct)
    {
        CheckRuns++;
        return Task.FromResult<IReadOnlyList<CheckOutcome>>(Checks.ToList());
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
