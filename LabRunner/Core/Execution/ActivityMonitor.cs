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

    // The blocker and the relation only when the backend waits for a lock (pg_blocking_pids is not free). The relation's
    // name when it lives in the monitor's database; else its oid, named from the lab's database (see RelationNameAsync).
    private const string Query = """
        SELECT a.wait_event_type,
               CASE WHEN a.wait_event_type = 'Lock' THEN (pg_catalog.pg_blocking_pids(a.pid))[1] END,
               w.name, w.relation::int8
        FROM pg_catalog.pg_stat_activity a
        LEFT JOIN LATERAL (
          SELECT CASE WHEN l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())
                      THEN l.relation::pg_catalog.regclass::text END AS name, l.relation
          FROM pg_catalog.pg_locks l
          WHERE a.wait_event_type = 'Lock' AND l.pid = a.pid AND NOT l.granted AND l.relation IS NOT NULL
          LIMIT 1) w ON true
        WHERE a.pid = $1
        """;

    private readonly Dictionary<long, string?> _names = [];

    /// <summary>
    /// The monitor's own connection, in the maintenance database when it can: a lab that lists its database's sessions
    /// (pg_stat_activity WHERE datname = 'curso') must see its own sessions only, never LabRunner's.
    /// </summary>
    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        foreach (var database in target.Database == "postgres" ? new[] { "postgres" } : ["postgres", target.Database])
        {
            var b = target.ConnectionString(database);
            b.Pooling = false;
            b.ApplicationName = "labrunner monitor";
            var connection = new NpgsqlConnection(b.ConnectionString);
            try
            {
                await connection.OpenAsync(ct);
                return connection;
            }
            catch (NpgsqlException) when (database != target.Database)
            {
                await connection.DisposeAsync();
            }
        }
        throw new InvalidOperationException("unreachable: the lab's own database was tried last");
    }

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
                _connection = await OpenAsync(ct);
            }
            await using var cmd = new NpgsqlCommand(Query, _connection);
            cmd.Parameters.Add(new NpgsqlParameter { Value = pid });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct) || reader.IsDBNull(0)) return new Executing();
            if (reader.GetString(0) != "Lock") return new Executing { WaitEventType = reader.GetString(0) };
            int? blocker = reader.IsDBNull(1) ? null : reader.GetInt32(1);
            var relation = reader.IsDBNull(2) ? null : reader.GetString(2);
            long? oid = reader.IsDBNull(3) ? null : reader.GetInt64(3);
            await reader.DisposeAsync();
            if (relation is null && oid is { } o) relation = await RelationNameAsync(o, ct);
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

    /// <summary>
    /// A relation of the lab's database, named from a connection there that lives for one query (and is remembered): the
    /// monitor itself stays out of the lab's database, where a lab may count its sessions.
    /// </summary>
    private async Task<string?> RelationNameAsync(long oid, CancellationToken ct)
    {
        if (_names.TryGetValue(oid, out var known)) return known;
        var b = target.ConnectionString();
        b.Pooling = false;
        b.ApplicationName = "labrunner monitor";
        await using var connection = new NpgsqlConnection(b.ConnectionString);
        await connection.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT $1::oid::pg_catalog.regclass::text", connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = oid });
        var name = await cmd.ExecuteScalarAsync(ct) as string;
        _names[oid] = name;
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null) await _connection.DisposeAsync();
        _gate.Dispose();
    }
}
