using LabRunner.Labs;

namespace LabRunner.Execution;

/// <summary>
/// Runs step actions against one server. SQL runs in named sessions that persist across calls; calls for the same
/// session are serialised, calls for different sessions run concurrently (one may wait on another's lock).
/// </summary>
public interface IStepExecutor : IAsyncDisposable
{
    Task<StepOutput> ExecuteAsync(StepAction action, TimeSpan? timeout, IProgress<StepProgress>? progress, CancellationToken ct);
}
