using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// What the lab established so far, as a terminal would remember it: the first connection (the lab's database), the
/// database and server each session is on, prompts that name sessions, the servers the lab made, the shell's directory.
/// </summary>
internal sealed class PsqlContext
{
    /// <summary>The database of the first psql connection: the lab's database ("postgres" when it names none).</summary>
    public string? FirstDatabase { get; private set; }
    public int? FirstDatabaseLine { get; private set; }
    /// <summary>Database each session is on, when it is not the lab's (after `psql otra`, `\c otra`).</summary>
    public Dictionary<string, string> SessionDatabases { get; } = new(StringComparer.Ordinal);
    /// <summary>Server each session is on, when it is not main (after `psql -p 5433`).</summary>
    public Dictionary<string, string> SessionServers { get; } = new(StringComparer.Ordinal);
    /// <summary>The login each session opened with, when it is another role over TCP (`psql -h 127.0.0.1 -U alumno`).</summary>
    public Dictionary<string, SessionLogin> SessionLogins { get; } = new(StringComparer.Ordinal);
    /// <summary>Prompt names set with \set PROMPT1 (ALICE, BOB) → session names (alice, bob).</summary>
    public Dictionary<string, string> PromptSessions { get; } = new(StringComparer.Ordinal);
    /// <summary>Servers by port: 5432 is main; pg_createcluster adds the next ports.</summary>
    public Dictionary<int, string> ServersByPort { get; } = new() { [5432] = "main" };
    /// <summary>The PostgreSQL major version the author's own data directory path names, with its line.</summary>
    public (int Major, int Line)? AuthorVersion { get; set; }
    /// <summary>The directory a `cd` moved the lab's terminal to (already made portable), or null for the work folder.</summary>
    public string? ShellDirectory { get; set; }

    /// <summary>A copy to read a block on without remembering anything.</summary>
    public PsqlContext Copy()
    {
        var copy = new PsqlContext { FirstDatabase = FirstDatabase, FirstDatabaseLine = FirstDatabaseLine, AuthorVersion = AuthorVersion, ShellDirectory = ShellDirectory };
        foreach (var (k, v) in SessionDatabases) copy.SessionDatabases[k] = v;
        foreach (var (k, v) in SessionServers) copy.SessionServers[k] = v;
        foreach (var (k, v) in SessionLogins) copy.SessionLogins[k] = v;
        foreach (var (k, v) in PromptSessions) copy.PromptSessions[k] = v;
        foreach (var (k, v) in ServersByPort) copy.ServersByPort[k] = v;
        return copy;
    }

    /// <summary>The database a session is on: its own after a switch, else the lab's (null).</summary>
    public string? DatabaseOf(string session) => SessionDatabases.GetValueOrDefault(session);
    public string? ServerOf(string session) => SessionServers.GetValueOrDefault(session);
    public SessionLogin? LoginOf(string session) => SessionLogins.GetValueOrDefault(session);

    /// <summary>
    /// A psql that opens <paramref name="session"/> logs in as it says: over TCP as a role other than postgres it is
    /// that role's login (pg_hba.conf's host rules, the role's password); anything else is the server's own user.
    /// </summary>
    public void Login(string session, string? user, string? host, int? port)
    {
        if (user is not null && user != "postgres" && host is not null && !host.StartsWith('/'))
            SessionLogins[session] = new SessionLogin(user, host, port);
        else SessionLogins.Remove(session);
    }

    /// <summary>A psql connection of <paramref name="session"/> (database null = the default one, postgres).</summary>
    public void Connect(string session, string? database, int line)
    {
        if (FirstDatabase is null)
        {
            FirstDatabase = database ?? "postgres";
            FirstDatabaseLine = line;
        }
        if (database is null || database == FirstDatabase) SessionDatabases.Remove(session);
        else SessionDatabases[session] = database;
    }

    /// <summary>`\c db` moves a session (it does not choose the lab's database).</summary>
    public void Switch(string session, string database)
    {
        if (database == (FirstDatabase ?? "postgres")) SessionDatabases.Remove(session);
        else SessionDatabases[session] = database;
    }

    public string? ServerByPort(int? port) =>
        port is null ? null : ServersByPort.TryGetValue(port.Value, out var name) ? name : $"port-{port}";

    /// <summary>pg_createcluster VER NAME: the new server takes the next free port (5433, 5434...).</summary>
    public int AddServer(string name)
    {
        var existing = ServersByPort.FirstOrDefault(kv => kv.Value == name);
        if (existing.Value is not null) return existing.Key;
        var port = ServersByPort.Keys.Max() + 1;
        ServersByPort[port] = name;
        return port;
    }
}
