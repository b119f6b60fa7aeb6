using LabRunner.Labs;
using LabRunner.Postgres;
using Npgsql;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// One named session, like one psql window: its own connection (opened lazily), its display settings (\x),
/// used by one step at a time. Sessions live as long as their <see cref="StepExecutor"/>.
/// </summary>
public sealed class SqlSession : IAsyncDisposable
{
    private readonly IServerTarget _target;
    private NpgsqlConnection? _connection;
    private BoundedLines<ServerNotice>? _noticeSink;

    internal SqlSession(string name, IServerTarget target)
    {
        Name = name;
        _target = target;
    }

    public string Name { get; }
    /// <summary>The database the session is connected to; null before its first statement.</summary>
    public string? Database { get; private set; }
    /// <summary>The server process serving this session (for pg_stat_activity, pg_locks).</summary>
    public int? BackendPid => _connection?.State == System.Data.ConnectionState.Open ? _connection.ProcessID : null;
    /// <summary>psql's \x: results are shown as records.</summary>
    public bool Expanded { get; internal set; }
    /// <summary>psql's \pset null: how NULL is shown in query results ("" by default).</summary>
    public string NullDisplay { get; internal set; } = "";
    /// <summary>psql's variables of this session (\set, \gset), interpolated as :name, :'name', :"name".</summary>
    internal Dictionary<string, string> Variables { get; } = new(StringComparer.Ordinal);

    /// <summary>A variable's value as psql knows it: set by the lab, or one psql sets itself (DBNAME, USER, PORT, HOST).</summary>
    internal string? Variable(string name)
    {
        if (Variables.TryGetValue(name, out var v)) return v;
        return name switch
        {
            "DBNAME" => Database,
            "USER" => User,
            "PORT" => _target.ConnectionString().Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "HOST" => _target.ConnectionString().Host,
            _ => null,
        };
    }

    internal SemaphoreSlim Gate { get; } = new(1, 1);
    internal TransactionState Transaction { get; set; }

    /// <summary>The session's connection, opened on <paramref name="database"/> if it is not open yet
    /// (or on another database when <paramref name="switchTo"/>).</summary>
    internal async Task<NpgsqlConnection> OpenAsync(string database, bool switchTo, CancellationToken ct)
    {
        if (_connection is { State: System.Data.ConnectionState.Open } open && (!switchTo || Database == database)) return open;
        var fresh = await ConnectAsync(database, ct);
        await CloseAsync();
        Adopt(fresh, database);
        return fresh;
    }

    /// <summary>\c DB: connect anew; on failure the previous connection is kept (as psql does).</summary>
    internal async Task ReconnectAsync(string database, CancellationToken ct)
    {
        var fresh = await ConnectAsync(database, ct);
        await CloseAsync();
        Adopt(fresh, database);
    }

    /// <summary>Notices go to the results of the statement running now, in arrival order (a flood is bounded).</summary>
    internal void CollectNoticesInto(BoundedLines<ServerNotice>? sink) => _noticeSink = sink;

    /// <summary>\q: the psql is gone; the next step starts a new one (its own settings, on the lab's database).</summary>
    internal async Task EndAsync()
    {
        await CloseAsync();
        Database = null;
        Expanded = false;
        NullDisplay = "";
        Variables.Clear();
    }

    internal async Task CloseAsync()
    {
        var old = _connection;
        _connection = null;
        Transaction = TransactionState.Idle;
        if (old is not null) await old.DisposeAsync();
    }

    internal string ConnectionDescription()
    {
        var b = _target.ConnectionString();
        return b.Host is { } h && h.StartsWith('/') ? $"socket \"{h}/.s.PGSQL.{b.Port}\"" : $"\"{b.Host}\", port {b.Port}";
    }

    internal string User => Login?.User ?? _target.ConnectionString().Username ?? "";

    /// <summary>The lab's login for this session (`psql -h 127.0.0.1 -U alumno`), or null for LabRunner's own.</summary>
    internal SessionLogin? Login { get; private set; }

    /// <summary>A step logs in differently (another role, over TCP): the session's next statement connects anew, as a new psql would.</summary>
    internal async Task UseLoginAsync(SessionLogin? login)
    {
        if (Equals(Login, login)) return;
        await CloseAsync();
        Login = login;
    }

    private async Task<NpgsqlConnection> ConnectAsync(string database, CancellationToken ct)
    {
        var builder = _target.ConnectionString(database);
        builder.Pooling = false; // a session's state (SET, temp tables, \x) must never leak to another
        builder.CommandTimeout = 0; // the executor's own timeout governs
        builder.ApplicationName = "psql";
        builder.IncludeErrorDetail = true; // DETAIL lines are part of what psql shows
        if (Login is { } login)
        {
            builder.Username = login.User;
            builder.Password = login.Password;
            return await _target.OpenOverTcpAsync(builder, login.Host, ct);
        }
        var conn = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    private void Adopt(NpgsqlConnection conn, string database)
    {
        conn.Notice += (_, e) =>
        {
            var n = e.Notice;
            var notice = new ServerNotice(n.Severity, n.SqlState, n.MessageText, n.Detail, n.Hint);
            _noticeSink?.Add(notice, 1 + notice.Message.Count(c => c == '\n') + (notice.Detail is null ? 0 : 1) + (notice.Hint is null ? 0 : 1));
        };
        _connection = conn;
        Database = database;
        Transaction = TransactionState.Idle;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        Gate.Dispose();
    }
}

/// <summary>What LabRunner knows of a session's transaction, to name its COMMIT as the server does ("ROLLBACK" after an error).</summary>
internal enum TransactionState { Idle, InTransaction, Failed }
