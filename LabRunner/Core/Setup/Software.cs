namespace LabRunner.Setup;

/// <summary>A program LabRunner or a lab needs, and the package that brings it on each platform.</summary>
public sealed record Software(string Name, string AptPackage, string? BrewFormula)
{
    /// <summary>initdb, pg_ctl and postgres, for the sandbox. Debian's `postgresql` puts them in /usr/lib/postgresql/N/bin.</summary>
    public static readonly Software PostgresServer = new("PostgreSQL (initdb, pg_ctl)", "postgresql", "postgresql@17");

    /// <summary>The package of a tool a lab declares (server.tools), by what Debian and Homebrew call it.</summary>
    public static Software Tool(string tool) => Path.GetFileName(tool) switch
    {
        "psql" or "pg_basebackup" or "pg_dump" or "pg_dumpall" or "pg_restore" or "pg_receivewal" or "pg_isready" or "createdb" or "dropdb" or "pgbench"
            => new(tool, "postgresql-client", "libpq"),
        "initdb" or "pg_ctl" or "postgres" or "pg_waldump" or "pg_resetwal" or "pg_rewind" or "pg_upgrade" or "pg_controldata" or "pg_checksums"
            => new(tool, "postgresql", "postgresql@17"),
        "bwrap" => new(tool, "bubblewrap", null), // Linux namespaces: no macOS equivalent
        var name => new(tool, name, name),
    };
}
