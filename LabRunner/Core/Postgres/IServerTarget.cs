using Npgsql;

namespace LabRunner.Postgres;

/// <summary>The PostgreSQL server a lab runs against: a sandbox LabRunner owns, or a server the user named.</summary>
public interface IServerTarget : IAsyncDisposable
{
    /// <summary>Human description, never with a password ("sandbox", "db.example.com:5432").</summary>
    string Description { get; }
    bool IsSandbox { get; }
    /// <summary>Server version as reported by the server (server_version), e.g. "15.18".</summary>
    string Version { get; }
    int MajorVersion { get; }
    /// <summary>The database the lab runs in by default.</summary>
    string Database { get; }
    /// <summary>The server's data directory, when LabRunner knows it (always for a sandbox).</summary>
    string? DataDirectory { get; }
    /// <summary>A directory for the lab's files ({{workdir}}), removed with a sandbox.</summary>
    string WorkDirectory { get; }
    /// <summary>A connection string for a database on this server (default: <see cref="Database"/>).</summary>
    NpgsqlConnectionStringBuilder ConnectionString(string? database = null);
    /// <summary>PG* variables so that psql (in shell steps) reaches the same server and database.</summary>
    IReadOnlyDictionary<string, string> PgEnvironment(string? database = null);
}
