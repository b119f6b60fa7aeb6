namespace LabRunner.Labs;

/// <summary>What a lab needs from PostgreSQL and the machine.</summary>
public sealed record ServerRequirements
{
    /// <summary>Server versions the lab supports (major versions, inclusive). Null bound = open.</summary>
    public VersionRange Versions { get; init; } = VersionRange.Any;
    /// <summary>The database the lab runs in; created in the sandbox.</summary>
    public string Database { get; init; } = "postgres";
    /// <summary>Server settings applied to the sandbox (postgresql.conf), e.g. autovacuum_naptime = 1s.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
    /// <summary>
    /// A folder (under {{workdir}}) where the sandbox archives its WAL with LabRunner's own archive_command: a backup or
    /// PITR lab gets archiving without writing a command of its own, so nothing needs the user's yes to run a program.
    /// </summary>
    public string? WalArchive { get; init; }
    /// <summary>OS tools the lab's shell steps need (checked before the lab starts).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];
    /// <summary>SQL run in the lab database before the first step (not shown to students).</summary>
    public string? Setup { get; init; }
    /// <summary>SQL run after the last step.</summary>
    public string? Teardown { get; init; }
    /// <summary>The lab's servers besides main: made by LabRunner before the first step, or by the lab's own steps.</summary>
    public IReadOnlyList<LabServer> Servers { get; init; } = [];
}

/// <summary>A server a lab declares besides main.</summary>
public sealed record LabServer(string Name)
{
    /// <summary>null = the next free port from 5432.</summary>
    public int? Port { get; init; }
    /// <summary>True: the lab's own steps make it (pg_createcluster, a server step); LabRunner only knows its name.</summary>
    public bool MadeByLab { get; init; }
}
