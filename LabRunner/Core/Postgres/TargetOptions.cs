namespace LabRunner.Postgres;

/// <summary>Where a lab runs: --connection (or PG* variables), else a sandbox.</summary>
public sealed record TargetOptions
{
    public string? Connection { get; init; }
    public string? PgBin { get; init; }
    /// <summary>The server binaries, when already found (setup looked for them): the sandbox does not search again.</summary>
    public PgBinaries? Binaries { get; init; }
    public bool KeepSandbox { get; init; }
    /// <summary>Use PGHOST/PGDATABASE etc. when no --connection is given (psql's habit). Off = always a sandbox.</summary>
    public bool HonourPgEnvironment { get; init; } = true;
    public string? SandboxRoot { get; init; }
    public string? CacheDirectory { get; init; }

    /// <summary>True when the user named a server, by option or by PG* variables.</summary>
    public bool NamesExistingServer =>
        !string.IsNullOrWhiteSpace(Connection)
        || (HonourPgEnvironment && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGHOST")));
}
