using System.Diagnostics;
using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Execution;

/// <summary>
/// Watches a session's backend while its statement runs longer than a moment, from a connection of its own, and
/// reports what it does as data: <see cref="LockWait"/> (pg_stat_activity.wait_event_type = 'Lock': who holds the lock,
/// on which relation) or <see cref="Executing"/>. <paramref name="sessionOf"/> names the lab's session a server process
/// serves, if any.
/// </summary>
internal sealed class ActivityMonitor(IServerTarget target, Func<int, string?> sessionOf) : IAsyncDisposable
{
    public static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;

    // The blocker and the relation only when the backend waits for a lock (pg_blocking_pids is not free); the relation
    // only when it lives in the monitor's database, where regclass can name it.
    private const string Query = """
        SELECT a.wait_event_type,
               CASE WHEN a.wait_event_type = 'Lock' THEN (pg_catalog.pg_blocking_pids(a.pid))[1] END,
               CASE WHEN a.wait_event_type = 'Lock' THEN
                 (SELECT l.relation::pg_catalog.regclass::text FROM pg_catalog.pg_locks l
                  WHERE l.pid = a.pid AND NOT l.granted AND l.relation IS NOT NULL
                    AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
                  LIMIT 1) END
        FROM pg_catalog.pg_stat_activity a WHERE a.pid = $1
        """;

    public async Task WatchAsync(int pid, Stopwatch clock, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        if (progress is null) return;
        try
        {
            await Task.Delay(Quiet, ct);
            while (!ct.IsCancellationRequested)
            {
                var activity = await ActivityAsync(pid, ct);
                if (ct.IsCancellationRequested) break;
                progress.Report(new StepProgress(activity, clock.Elapsed));
                await Task.Delay(Every, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    /// <summary>What the backend does now; <see cref="Executing"/> when it cannot be read (progress is a nicety, never a failure).</summary>
    public async Task<StepActivity> ActivityAsync(int pid, CancellationToken ct)
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
            await using var cmd = new NpgsqlCommand(Query, _connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = pid });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.IsDBNull(0) || reader.GetString(0) != "Lock") return new Executing();
            int? blocker = reader.IsDBNull(1) ? null : reader.GetInt32(1);
            var relation = reader.IsDBNull(2) ? null : reader.GetString(2);
            return new LockWait(blocker, blocker is { } b2 ? sessionOf(b2) : null, relation);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return new Executing();
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
