using System.Collections.Concurrent;
using System.Globalization;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Grading;

/// <summary>
/// How `grade` runs a check on a student's database, three walls deep:
/// 1. a check whose statements do anything besides reading (<see cref="SqlEffects"/>: writes, transaction control, SET of
///    the session's mode or user, \c, COPY … PROGRAM, known writing functions…) is refused before it is sent, with the reason;
/// 2. what is sent runs inside its own BEGIN TRANSACTION READ ONLY … ROLLBACK with a statement_timeout: whatever a filter
///    cannot see is undone, and a SET cannot outlive the check (ROLLBACK reverts it);
/// 3. every connection starts with default_transaction_read_only on (<see cref="ReadOnlyTarget"/>).
/// </summary>
internal sealed class ReadOnlyChecks(StepExecutor inner, IReadOnlyCollection<string> studentDatabases) : IStepExecutor
{
    private static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(60);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _sessions = new(StringComparer.Ordinal);

    public async Task<StepOutput> ExecuteAsync(StepAction action, Consent granted, TimeSpan? timeout, IProgress<StepProgress>? progress,
        CancellationToken ct)
    {
        var sql = Vet(action);
        var limit = timeout ?? DefaultLimit;
        var gate = _sessions.GetOrAdd(sql.Session, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var milliseconds = Math.Max(1, (long)limit.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            var begin = await inner.ExecuteAsync(
                new SqlAction($"BEGIN TRANSACTION READ ONLY;\nSET LOCAL statement_timeout = {milliseconds};\nSELECT 1;", sql.Session),
                Consent.None, limit, null, ct);
            if (begin.FirstError is { } error)
                throw new CheckNotRunException($"could not start a read-only transaction: {error.Message}");
            if (begin.Outcome != StepOutcome.Completed)
                throw new CheckNotRunException($"could not start a read-only transaction ({begin.Outcome})");
            // The first query of the transaction has run: from here on, SET TRANSACTION READ WRITE fails (25001) as well.
            try
            {
                return await inner.ExecuteAsync(sql with { Database = null }, Consent.None, limit, progress, ct);
            }
            finally
            {
                await RollBackAsync(sql.Session, limit);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The check as it will be sent, or why it will not be.</summary>
    private SqlAction Vet(StepAction action)
    {
        if (action is not SqlAction sql) throw new CheckNotRunException("refused: a check must be SQL (grading runs no shell command)");
        if (sql.Database is { } database && !studentDatabases.Contains(database))
            throw new CheckNotRunException($"refused: the check connects to database \"{database}\", not the student's");
        var effects = SqlEffects.Of(sql.Sql); // the final text: LabRun has filled in the variables
        if (effects.Count > 0)
            throw new CheckNotRunException($"refused: grading only reads, and {SqlEffects.Describe(effects)}");
        return sql;
    }

    /// <summary>Ends the check's transaction; when that fails the session is closed, and the server rolls back with it.</summary>
    private async Task RollBackAsync(string session, TimeSpan limit)
    {
        try
        {
            var rollback = await inner.ExecuteAsync(new SqlAction("ROLLBACK;", session), Consent.None, limit, null, CancellationToken.None);
            if (rollback.FirstError is null && rollback.Outcome == StepOutcome.Completed) return;
        }
        catch (ObjectDisposedException)
        {
            return; // the executor is closing: its sessions' connections close with it
        }
        await inner.CloseSessionAsync(session);
    }

    public async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync();
        foreach (var gate in _sessions.Values) gate.Dispose();
    }
}

/// <summary>A check `grade` did not run, and why (refused as not read-only, or no read-only transaction to run it in).</summary>
public sealed class CheckNotRunException(string message) : Exception(message);
