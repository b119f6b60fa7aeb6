using System.Diagnostics;
using LabRunner.Psql;
using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Execution;

/// <summary>
/// Runs one SQL step in its session like psql without ON_ERROR_STOP: every statement in turn, an error does not stop
/// the rest; a timeout or cancel stops the step (the session stays usable).
/// </summary>
internal sealed class SqlStepRunner(
    IServerTarget target, ExecutionOptions options, ActivityMonitor monitor, SqlSession session, string database,
    bool switchDatabase, TimeSpan timeout, IProgress<StepProgress>? progress, CancellationToken ct)
{
    private readonly PsqlText _text = new();
    private readonly List<StatementResult> _results = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private StepOutcome _outcome = StepOutcome.Completed;
    private bool _switchPending = switchDatabase;

    public async Task<StepOutput> RunAsync(string sql)
    {
        var parts = PsqlScanner.Split(sql);
        foreach (var part in parts)
        {
            ct.ThrowIfCancellationRequested();
            var go = part switch
            {
                SqlStatementPart s => await StatementAsync(s),
                MetaCommandPart m => await new MetaCommands(this).RunAsync(m),
                _ => true,
            };
            if (!go) break;
        }
        return Partial(_outcome);
    }

    /// <summary>What the step produced so far.</summary>
    internal StepOutput Partial(StepOutcome outcome) =>
        new(_text.Text, _results.ToList(), outcome, _clock.Elapsed) { Tables = _text.Tables.ToList() };

    internal SqlSession Session => session;
    internal IServerTarget Target => target;
    internal CancellationToken Token => ct;

    internal void Add(StatementResult result, bool expanded = false)
    {
        _results.Add(result);
        _text.Append(result, expanded);
        if (result is StatementError && _outcome == StepOutcome.Completed) _outcome = StepOutcome.Failed;
    }

    /// <summary>The session's connection; a step that names its database moves the session there first (once: a later \c wins).</summary>
    internal Task<NpgsqlConnection> ConnectionAsync()
    {
        var switchTo = _switchPending;
        _switchPending = false;
        return session.OpenAsync(database, switchTo, ct);
    }

    internal void ForgetDatabaseSwitch() => _switchPending = false;

    private async Task<bool> StatementAsync(SqlStatementPart part)
    {
        if (part.IsEmpty) return true;
        NpgsqlConnection conn;
        try { conn = await ConnectionAsync(); }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Add(ConnectionError(e));
            return false;
        }

        var pending = new List<StatementResult>();
        session.CollectNoticesInto(pending);
        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var watcher = monitor.WatchAsync(conn.ProcessID, _clock, progress, watching.Token);
        var expanded = session.Expanded || part.ForceExpanded;
        var keepGoing = true;
        try
        {
            await using var cmd = new NpgsqlCommand(part.Text, conn) { AllResultTypesAreUnknown = true, CommandTimeout = 0 };
            ResultSet? rows = null;
            NpgsqlBatchCommand command;
            await using (var reader = await cmd.ExecuteReaderAsync(linked.Token))
            {
                if (reader.FieldCount > 0) rows = await ResultSetReader.ReadAsync(reader, options.MaxKeptRows, linked.Token);
                while (await reader.NextResultAsync(linked.Token)) { }
                // The batch API that replaces Statements cannot ask for text results (NpgsqlBatch.AllResultTypesAreUnknown
                // is internal in Npgsql 10), and text results are what make values read exactly as in psql.
#pragma warning disable CS0618
                command = reader.Statements[^1];
#pragma warning restore CS0618
            }
            var results = Completed(part.Text, command, rows);
            Flush(pending);
            foreach (var r in results) Add(r, expanded);
        }
        catch (PostgresException pe)
        {
            Flush(pending);
            await AddErrorAsync(pe, part.Text, conn, advice: null);
        }
        catch (OperationCanceledException oce) when (linked.IsCancellationRequested)
        {
            Flush(pending);
            var timedOut = timeoutCts.IsCancellationRequested && !ct.IsCancellationRequested;
            _outcome = timedOut ? StepOutcome.TimedOut : StepOutcome.Cancelled;
            var advice = timedOut
                ? $"LabRunner cancelled the statement after {timeout.TotalSeconds:0.#} s (the step's timeout)."
                : "Cancelled.";
            if (oce.InnerException is PostgresException inner) await AddErrorAsync(inner, part.Text, null, advice);
            else Add(new StatementError("ERROR", "57014", "canceling statement due to user request", null, null, null, part.Text) { Advice = advice });
            if (conn.State != System.Data.ConnectionState.Open) await session.CloseAsync();
            keepGoing = false;
        }
        catch (NpgsqlException ne)
        {
            // The connection broke (server restarted, backend terminated): report it; the session reconnects next time.
            Flush(pending);
            Add(ConnectionError(ne));
            await session.CloseAsync();
        }
        finally
        {
            session.CollectNoticesInto(null);
            await watching.CancelAsync();
            await watcher;
        }
        return keepGoing;
    }

    private void Flush(List<StatementResult> pending)
    {
        foreach (var n in pending) Add(n);
        pending.Clear();
    }

    private List<StatementResult> Completed(string sql, NpgsqlBatchCommand command, ResultSet? rows)
    {
        var list = new List<StatementResult>(2);
        var type = command.StatementType;
        if (rows is not null)
        {
            list.Add(rows);
            // psql prints the status after the rows of INSERT/UPDATE/DELETE/MERGE ... RETURNING.
            if (type is StatementType.Insert or StatementType.Update or StatementType.Delete or StatementType.Merge)
                list.Add(new CommandTag(Tag(sql, command)));
            return list;
        }
        if (type == StatementType.Select && ReturnsRows(sql))
        {
            // A zero-column result (SELECT; / SELECT FROM t): Npgsql shows no fields, psql shows "--" and the count.
            var count = (long)command.Rows;
            var empty = Enumerable.Repeat((IReadOnlyList<string?>)Array.Empty<string?>(), (int)Math.Min(count, options.MaxKeptRows)).ToList();
            list.Add(new ResultSet([], empty, count, RowHash.Of(Enumerable.Repeat((IReadOnlyList<string?>)Array.Empty<string?>(), (int)count))));
            return list;
        }
        list.Add(new CommandTag(Tag(sql, command)));
        return list;
    }

    private string Tag(string sql, NpgsqlBatchCommand command)
    {
        var rows = command.Rows;
        switch (command.StatementType)
        {
            case StatementType.Select: return $"SELECT {rows}";
            case StatementType.Insert: return $"INSERT {command.OID} {rows}";
            case StatementType.Update: return $"UPDATE {rows}";
            case StatementType.Delete: return $"DELETE {rows}";
            case StatementType.Merge: return $"MERGE {rows}";
            case StatementType.Copy: return $"COPY {rows}";
            case StatementType.Move: return $"MOVE {rows}";
            case StatementType.Fetch: return $"FETCH {rows}";
            case StatementType.Call: return "CALL";
            case StatementType.CreateTableAs: return $"SELECT {rows}";
        }
        var tag = CommandTags.Derive(sql);
        var state = session.Transaction;
        switch (tag)
        {
            case "BEGIN" or "START TRANSACTION":
                session.Transaction = TransactionState.InTransaction;
                break;
            case "COMMIT" or "PREPARE TRANSACTION":
                session.Transaction = TransactionState.Idle;
                if (state == TransactionState.Failed) tag = "ROLLBACK";
                break;
            case "ROLLBACK" when sql.Contains(" TO ", StringComparison.OrdinalIgnoreCase) || sql.Contains("\nTO ", StringComparison.OrdinalIgnoreCase):
                if (state == TransactionState.Failed) session.Transaction = TransactionState.InTransaction;
                break;
            case "ROLLBACK":
                session.Transaction = TransactionState.Idle;
                break;
        }
        return tag;
    }

    private static bool ReturnsRows(string sql)
    {
        var t = sql.TrimStart().TrimStart('(').TrimStart();
        bool Starts(string w) => t.StartsWith(w, StringComparison.OrdinalIgnoreCase);
        if (!(Starts("SELECT") || Starts("VALUES") || Starts("TABLE") || Starts("WITH"))) return false;
        return !System.Text.RegularExpressions.Regex.IsMatch(sql, @"\bINTO\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase);
    }

    internal async Task AddErrorAsync(PostgresException pe, string sql, NpgsqlConnection? adviceConnection, string? advice)
    {
        if (session.Transaction == TransactionState.InTransaction) session.Transaction = TransactionState.Failed;
        var error = new StatementError(pe.Severity, pe.SqlState, pe.MessageText, pe.Detail, pe.Hint,
            pe.Position > 0 ? pe.Position : null, sql)
        {
            Context = string.IsNullOrEmpty(pe.Where) ? null : pe.Where,
            InternalQuery = string.IsNullOrEmpty(pe.InternalQuery) ? null : pe.InternalQuery,
            InternalPosition = pe.InternalPosition > 0 ? pe.InternalPosition : null,
        };
        advice ??= await ErrorAdvice.ForAsync(error, target.MajorVersion, adviceConnection, ct);
        Add(error with { Advice = advice });
    }

    internal static StatementError ConnectionError(Exception e)
    {
        var message = e is PostgresException pe ? pe.MessageText : e.Message;
        var severity = e is PostgresException p ? p.Severity : "FATAL";
        return new StatementError(severity, (e as PostgresException)?.SqlState ?? "08006", message, null, null, null, null);
    }
}
