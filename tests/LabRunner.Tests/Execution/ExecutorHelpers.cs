using System.Collections.Concurrent;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Tests.Execution;

/// <summary>Records progress reports as they happen (Progress&lt;T&gt; would post them to a synchronization context).</summary>
internal sealed class RecordingProgress : IProgress<StepProgress>
{
    public ConcurrentQueue<StepProgress> Reports { get; } = new();
    public void Report(StepProgress value) => Reports.Enqueue(value);
}

internal static class ExecutorHelpers
{
    public static Task<StepOutput> SqlAsync(this StepExecutor executor, string sql, string database, string session = SqlAction.MainSession,
        TimeSpan? timeout = null, IProgress<StepProgress>? progress = null, CancellationToken ct = default) =>
        executor.ExecuteAsync(new SqlAction(sql, session) { Database = database }, Consent.None, timeout, progress, ct);

    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("condition not met in " + within);
            await Task.Delay(50);
        }
    }
}
