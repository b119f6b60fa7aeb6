namespace LabRunner.Labs;

/// <summary>What a step does.</summary>
public abstract record StepAction
{
    /// <summary>The command as the student sees and edits it.</summary>
    public abstract string Command { get; }
    public abstract StepAction WithCommand(string command);
    /// <summary>The server the step runs on (a Debian cluster name of the sandbox); null = main.</summary>
    public string? Server { get; init; }
}

/// <summary>SQL (and psql meta-commands), run in a named session that persists across steps.</summary>
public sealed record SqlAction(string Sql, string Session = SqlAction.MainSession) : StepAction
{
    public const string MainSession = "main";
    /// <summary>Database to run in; null = where the session is (it moves with `\c`), at first the lab's database.</summary>
    public string? Database { get; init; }
    /// <summary>The role and address the session logs in with (`psql -h 127.0.0.1 -U alumno`); null = LabRunner's own login.</summary>
    public SessionLogin? Login { get; init; }
    public override string Command => Sql;
    public override StepAction WithCommand(string command) => this with { Sql = command };
}

/// <summary>
/// A psql login over TCP as a role (`psql -h 127.0.0.1 -p 5432 -U alumno -d curso`): the session connects as
/// <paramref name="User"/> to the step's server at that address, so pg_hba.conf's host rules and the role's password
/// decide, as they do for the student. <paramref name="Password"/> is what the student types at psql's prompt (the one
/// the lab gave the role), or null.
/// </summary>
public sealed record SessionLogin(string User, string Host, int? Port = null, string? Password = null);

/// <summary>A bash script; {{variables}} are substituted and PG* variables reach the step's server.</summary>
public sealed record ShellAction(string Script) : StepAction
{
    /// <summary>What a terminal user types while it runs (e.g. the password pg_basebackup asks for); null = none.</summary>
    public string? Input { get; init; }
    public override string Command => Script;
    public override StepAction WithCommand(string command) => this with { Script = command };
}

/// <summary>
/// An edit of a server's configuration file (`vi /etc/postgresql/15/main/postgresql.conf` + the lines the lab shows).
/// Run headless, the lab's lines are applied (a setting replaces the active or commented line of the same name, else
/// it is appended; pg_hba.conf rules are appended); in the TUI the file opens in the student's editor.
/// </summary>
public sealed record EditAction(string File, string Lines) : StepAction
{
    /// <summary>What the student would type: the editor on the file.</summary>
    public string EditorCommand => $"vi {File}";
    public override string Command => Lines;
    public override StepAction WithCommand(string command) => this with { Lines = command };
}

/// <summary>A server made, started or stopped while the lab runs (an engine operation, not a shell command).</summary>
public sealed record ServerAction(ServerOperation Operation, string Name) : StepAction
{
    /// <summary>For <see cref="ServerOperation.StartOn"/>: the data directory the lab produced, as the lab names it.</summary>
    public string? DataDirectory { get; init; }
    /// <summary>null = the next free port from 5432, as pg_createcluster picks it.</summary>
    public int? Port { get; init; }

    public override string Command => Operation switch
    {
        ServerOperation.Create => $"new server {Name}{PortText}",
        ServerOperation.StartOn => $"start server {Name} on {DataDirectory}{PortText}",
        _ => $"stop server {Name}",
    };

    private string PortText => Port is { } p ? $" (port {p})" : "";
    public override StepAction WithCommand(string command) => this;
}

public enum ServerOperation
{
    /// <summary>A new empty cluster, started (what `pg_createcluster --start` makes).</summary>
    Create,
    /// <summary>A server started on a directory the lab produced; the step ends once recovery lets it accept connections.</summary>
    StartOn,
    /// <summary>Stop a server (fast shutdown).</summary>
    Stop,
}
