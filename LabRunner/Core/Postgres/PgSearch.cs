namespace LabRunner.Postgres;

/// <summary>
/// Where to look for PostgreSQL's server binaries when --pg-bin names no directory: PATH, then `pg_config --bindir`,
/// then the versioned directories of Debian's packages (/usr/lib/postgresql/N/bin, newest first).
/// </summary>
public sealed record PgSearch(IReadOnlyList<string> PathDirectories, IReadOnlyList<string> VersionRoots, bool AskPgConfig = true)
{
    public const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>This process's PATH and Debian's root.</summary>
    public static PgSearch Default => new(
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries), [DebianRoot]);
}
