namespace LabRunner.Postgres;

public sealed record SandboxOptions
{
    /// <summary>--pg-bin: where initdb/pg_ctl live; null = search.</summary>
    public string? BinDirectory { get; init; }
    /// <summary>Binaries already found (and probed): used as they are.</summary>
    public PgBinaries? Binaries { get; init; }
    /// <summary>The database to create (the lab's).</summary>
    public string Database { get; init; } = "postgres";
    /// <summary>Server settings written to postgresql.conf before start.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>--keep-sandbox: leave the cluster running on dispose.</summary>
    public bool Keep { get; init; }
    /// <summary>Where sandboxes are made; default $TMPDIR/labrunner-UID.</summary>
    public string? RootDirectory { get; init; }
    /// <summary>Where the initdb template is cached; default ~/.cache/labrunner/templates.</summary>
    public string? CacheDirectory { get; init; }
    /// <summary>Confine the sandbox with bubblewrap when it can run (off: always one plain server, as where it cannot).</summary>
    public bool Confine { get; init; } = true;
    /// <summary>Servers besides main that LabRunner makes before the first step (from the template, started).</summary>
    public IReadOnlyList<ServerSpec> Servers { get; init; } = [];
}
