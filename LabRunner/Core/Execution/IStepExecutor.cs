using LabRunner.Labs;

namespace LabRunner.Execution;

/// <summary>
/// Runs step actions against one server. SQL runs in named sessions that persist across calls; calls for the same
/// session are serialised, calls for different sessions run concurrently (one may wait on another's lock).
/// </summary>
public interface IStepExecutor : IAsyncDisposable
{
    /// <summary>
    /// Runs a final action (variant chosen, variables filled in). <paramref name="granted"/> is what the user allowed for
    /// this call; an action that needs more is refused with <see cref="ShellNotAllowedException"/>.
    /// </summary>
    Task<StepOutput> ExecuteAsync(StepAction action, Consent granted, TimeSpan? timeout, IProgress<StepProgress>? progress, CancellationToken ct);
}
