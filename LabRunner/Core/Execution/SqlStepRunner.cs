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
        await RunScriptAsync(sql);
        return Partial(_outcome);
    }

    /// <summary>
    /// The step's SQL, or a file's that \i reads: its statements and meta-commands in turn, split as psql does.
    /// False when the step must stop (a timeout, a cancel, the server gone).
    /// </summary>
    internal async Task<bool> RunScriptAsync(string sql)
    {
        foreach (var part in PsqlScanner.Split(sql))
        {
            ct.ThrowIfCancellationRequested();
            // psql names the line it had read when it ran the part: a statement's last line.
            _line = part is SqlStatementPart sp ? sp.Line + sp.Text.Count(c => c == '\n') : part.Line;
            var go = part switch
            {
                SqlStatementPart s => await StatementAsync(s),
                MetaCommandPart m => await new MetaCommands(this).RunAsync(m),
                _ => true,
            };
            if (!go) return false;
        }
        return true;
    }

    /// <summary>The files \i is running now, innermost last (for \ir's directory, psql's "psql:FILE:LINE:" and the depth limit).</summary>
    internal Stack<string> Including { get; } = new();

    /// <summary>A psql error printed by a meta-command: marks the step failed (as a statement's error does).</summary>
    internal void AddMetaError(string name, string text)
    {
        Add(new MetaCommandOutput(name, text));
        if (_outcome == StepOutcome.Completed) _outcome = StepOutcome.Failed;
    }

    /// <summary>What the step produced so far.</summary>
    internal StepOutput Partial(StepOutcome outcome) =>
        new(_text.Text, _results.ToList(), outcome, _clock.Elapsed) { Tables = _text.Tables.ToList() };

    internal SqlSession Session => session;
    internal IServerTarget Target => target;
    internal CancellationToken Token => ct;
    /// <summary>The step's limit for one statement (a \copy's COPY included).</summary>
    internal TimeSpan Timeout => timeout;

    /// <summary>A \copy's COPY ran past the step's timeout: the step stops there, as after a statement's timeout.</summary>
    internal void TimedOut(string sql)
    {
        _outcome = StepOutcome.TimedOut;
        Add(new StatementError("ERROR", "57014", "canceling statement due to user request", null, null, null, sql)
        {
            Advice = $"LabRunner cancelled the statement after {timeout.TotalSeconds:0.#} s (the step's timeout).",
        });
    }
    internal PsqlMessages Messages => PsqlMessages.For(options.PsqlLanguage, target.MajorVersion);

    private int _line;

    internal void Add(StatementResult result, bool expanded = false)
    {
        if (result is StatementError { Location: null } error && Including.TryPeek(out var file))
            result = error with { Location = $"psql:{file}:{_line}: " };
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

    private async Task<bool> StatementAsync(SqlStatementPart part, bool retried = false)
    {
        if (part.IsEmpty) return true;
        // psql sends the text with its variables interpolated (and shows that text in an error's LINE).
        if (!retried) part = part with { Text = PsqlVariables.Interpolate(part.Text, session.Variable) };
        if (part.CopyData is { } data) return await CopyInline.RunAsync(this, part, data);
        NpgsqlConnection conn;
        try { conn = await ConnectionAsync(); }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or PostgresUnavailableException)
        {
            Add(ConnectionError(e));
            // The server did not answer at all (a refusal such as "database does not exist" is a PostgresException).
            if (e is not PostgresException) _outcome = StepOutcome.ConnectionLost;
            return false;
        }

        var pending = new BoundedLines<ServerNotice>(options.MaxKeptOutputLines);
        session.CollectNoticesInto(pending);
        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        using var watching = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
        var watcher = monitor.WatchAsync(conn.ProcessID, _clock, progress, watching.Token);
        var expanded = session.Expanded || part.ForceExpanded;
        var keepGoing = true;
        var retryAfterReconnect = false;
        IReadOnlyList<string>? generated = null;
        try
        {
            var reloadSince = ConfigReload.Requested(part.Text) ? await ConfigReload.ClockAsync(conn, linked.Token) : null;
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
            if (reloadSince is { } since) await ConfigReload.WaitAsync(conn, since, linked.Token);
            var results = Completed(part.Text, command, rows);
            Flush(pending);
            results = results.Select(r => r is ResultSet rs && session.NullDisplay.Length > 0 ? rs with { NullDisplay = session.NullDisplay } : r).ToList();
            if (part.Gexec) generated = Generated(results);
            else if (part.Gset is { } prefix) SetVariables(prefix, results);
            else if (part.Output is { } output) await QueryFile.WriteAsync(this, output, results, expanded);
            else foreach (var r in results) Add(r, expanded);
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
        catch (NpgsqlException ne) when (!retried && _results.Count == 0 && pending.Head.Count == 0 && NeverSent(ne))
        {
            // The server restarted since this session last ran (a lab's `systemctl restart`): the statement never
            // reached it. Reconnect and send it, as a student reconnects before the next command.
            await session.CloseAsync();
            retryAfterReconnect = true;
        }
        catch (NpgsqlException ne)
        {
            Flush(pending);
            keepGoing = await ConnectionBrokeAsync(ne);
        }
        finally
        {
            session.CollectNoticesInto(null);
            await watching.CancelAsync();
            await watcher;
        }
        if (retryAfterReconnect) return await StatementAsync(part, retried: true);
        // \gexec: psql sends each value as a statement of its own and prints what each one gives; an error goes on to the next.
        foreach (var statement in generated ?? [])
            if (!await StatementAsync(new SqlStatementPart(statement, part.Line))) return false;
        return keepGoing;
    }

    /// <summary>\gexec's statements: the non-null values of the result, row by row, left to right; any other result as is.</summary>
    private List<string> Generated(IReadOnlyList<StatementResult> results)
    {
        var statements = new List<string>();
        foreach (var r in results)
        {
            if (r is ResultSet rs) statements.AddRange(rs.Rows.SelectMany(row => row).OfType<string>());
            else if (r is not CommandTag) Add(r);
        }
        return statements;
    }

    /// <summary>
    /// \gset: the one row's columns become variables (PREFIX+column; NULL unsets), nothing is printed; no row or
    /// several rows print psql's error and set nothing.
    /// </summary>
    private void SetVariables(string prefixArguments, IReadOnlyList<StatementResult> results)
    {
        if (results.OfType<ResultSet>().FirstOrDefault() is not { } rs)
        {
            foreach (var r in results) Add(r);
            return;
        }
        if (rs.RowCount != 1)
        {
            Add(new MetaCommandOutput("gset", Messages[rs.RowCount == 0 ? "no rows returned for \\gset" : "more than one row returned for \\gset"] + "\n"));
            if (_outcome == StepOutcome.Completed) _outcome = StepOutcome.Failed;
            return;
        }
        var prefix = MetaArguments.Split(prefixArguments, session.Variable) is [var first, ..] ? first : "";
        for (var c = 0; c < rs.Columns.Count; c++)
        {
            var name = prefix + rs.Columns[c].Name;
            if (rs.Rows[0][c] is { } value) session.Variables[name] = value;
            else session.Variables.Remove(name);
        }
    }

    /// <summary>The connection failed while sending (it was already gone): the server never saw the statement.</summary>
    private static bool NeverSent(NpgsqlException e) =>
        e.Message.StartsWith("Exception while writing to stream", StringComparison.Ordinal);

    private void Flush(BoundedLines<ServerNotice> pending)
    {
        foreach (var n in pending.Head) Add(n);
        if (pending.LinesLeftOut > 0) Add(new LinesLeftOut(pending.LinesLeftOut));
        foreach (var n in pending.Tail) Add(n);
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

    /// <summary>
    /// The connection closed without a word from the server (its backend was killed, the server died): say so as psql
    /// does, and try once to reconnect. Reconnected: the statement failed, the step goes on. Not: the server is gone.
    /// </summary>
    internal async Task<bool> ConnectionBrokeAsync(NpgsqlException e)
    {
        await session.CloseAsync();
        // libpq's message, which psql prints without a severity.
        Add(new StatementError("", "08006", StepOutput.ServerClosedConnection, null, null, null, null)
        {
            Advice = e.Message, // Npgsql's own words ("Exception while reading from stream"), for the curious
        });
        bool reset;
        try
        {
            await session.OpenAsync(database, switchTo: true, ct);
            reset = true;
        }
        catch (Exception again) when (again is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            reset = false;
        }
        Add(new MetaCommandOutput("", "\tThis probably means the server terminated abnormally\n\tbefore or while processing the request.\n" +
            $"The connection to the server was lost. Attempting reset: {(reset ? "Succeeded" : "Failed")}.\n"));
        if (reset) return true;
        _outcome = StepOutcome.ConnectionLost;
        return false;
    }

    internal static StatementError ConnectionError(Exception e)
    {
        var message = e switch
        {
            PostgresException pe => pe.MessageText,
            NpgsqlException { InnerException: IOException } => StepOutput.ServerClosedConnection, // not Npgsql's "Exception while reading..."
            _ => e.Message,
        };
        var severity = e is PostgresException p ? p.Severity : "FATAL";
        return new StatementError(severity, (e as PostgresException)?.SqlState ?? "08006", message, null, null, null, null);
    }
}
