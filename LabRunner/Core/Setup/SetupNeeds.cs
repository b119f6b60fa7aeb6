namespace LabRunner.Setup;

/// <summary>What a command is about to need from this machine.</summary>
public sealed record SetupNeeds
{
    /// <summary>A sandbox is coming: initdb and pg_ctl must be found.</summary>
    public bool PostgresServer { get; init; }
    /// <summary>--pg-bin: the user chose where the server binaries are; nothing is searched or installed for them.</summary>
    public string? PgBin { get; init; }
    /// <summary>Programs that must be on PATH (a lab's server.tools when its shell steps will run; psql, tmux for the tests).</summary>
    public IReadOnlyList<string> Tools { get; init; } = [];
}
