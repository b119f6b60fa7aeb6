using Npgsql;

namespace LabRunner.Postgres;

/// <summary>The PostgreSQL server a lab runs against: a sandbox LabRunner owns, or a server the user named.</summary>
public interface IServerTarget : IAsyncDisposable
{
    /// <summary>The name of the lab's default server.</summary>
    public const string MainServer = "main";

    /// <summary>Human description, never with a password ("sandbox", "db.example.com:5432").</summary>
    string Description { get; }
    bool IsSandbox { get; }
    /// <summary>Server version as reported by the server (server_version), e.g. "15.18".</summary>
    string Version { get; }
    int MajorVersion { get; }
    /// <summary>The database the lab runs in by default.</summary>
    string Database { get; }
    /// <summary>The server's data directory as the lab's commands see it, when LabRunner knows it (always for a sandbox).</summary>
    string? DataDirectory { get; }
    /// <summary>A host directory for the lab's files, removed with a sandbox.</summary>
    string WorkDirectory { get; }
    /// <summary>The same folder as the lab's commands see it ({{workdir}}): inside a confined sandbox, postgres's home.</summary>
    string StepWorkDirectory => WorkDirectory;
    /// <summary>A connection string for a database on this server (default: <see cref="Database"/>).</summary>
    NpgsqlConnectionStringBuilder ConnectionString(string? database = null);
    /// <summary>PG* variables so that psql in a shell step reaches the same server and database.</summary>
    IReadOnlyDictionary<string, string> PgEnvironment(string? database = null);
    /// <summary>
    /// Opens <paramref name="login"/> (a connection string from <see cref="ConnectionString"/> with the lab's role and
    /// password) the way a client on the server's machine reaches it over TCP at <paramref name="host"/>, so that
    /// pg_hba.conf's host rules apply. A sandbox opens it inside its own network; elsewhere the server's own address is used.
    /// </summary>
    async Task<NpgsqlConnection> OpenOverTcpAsync(NpgsqlConnectionStringBuilder login, string host, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(login.ConnectionString);
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

    /// <summary>Where shell steps run.</summary>
    IShellHost Shell => new HostShell(WorkDirectory, "the lab runs on a server LabRunner did not start, outside any sandbox");

    /// <summary>
    /// The server a step names (null or "main": this one). Only a sandbox has others; elsewhere naming one is the
    /// lab's mistake for this target, said in one line.
    /// </summary>
    IServerTarget Server(string? name) => name is null || name == MainServer
        ? this
        : throw new UserErrorException($"this lab's step runs on server \"{name}\", and {Description} has only one server; run the lab on a sandbox");
}
