using System.Diagnostics;
using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Execution;

/// <summary>
/// Watches a session's backend while its statement runs longer than a moment, from a connection of its own, and
/// reports "waiting for lock" (pg_stat_activity.wait_event_type = 'Lock') or "running".
/// </summary>
internal sealed class ActivityMonitor(IServerTarget target) : IAsyncDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;

    public async Task WatchAsync(int pid, Stopwatch clock, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        if (progress is null) return;
        try
        {
            await Task.Delay(Quiet, ct);
            while (!ct.IsCancellationRequested)
            {
                var waiting = await WaitEventTypeAsync(pid, ct) == "Lock";
                if (ct.IsCancellationRequested) break;
                progress.Report(new StepProgress(waiting ? "waiting for lock" : "running", clock.Elapsed));
                await Task.Delay(Every, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>The backend's wait_event_type, or null if it cannot be read (progress is a nicety, never a failure).</summary>
    public async Task<string?> WaitEventTypeAsync(int pid, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_connection is not { State: System.Data.ConnectionState.Open })
            {
                if (_connection is not null) await _connection.DisposeAsync();
                var b = target.ConnectionString();
                b.Pooling = false;
                b.ApplicationName = "labrunner monitor";
                _connection = new NpgsqlConnection(b.ConnectionString);
                await _connection.OpenAsync(ct);
            }
            await using var cmd = new NpgsqlCommand("SELECT wait_event_type FROM pg_catalog.pg_stat_activity WHERE pid = $1", _connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = pid });
            return await cmd.ExecuteScalarAsync(ct) as string;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return null;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
