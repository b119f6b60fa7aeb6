namespace LabRunner.Postgres;

/// <summary>Why the sandbox would not make or start a server a lab's step asked for.</summary>
public enum SandboxServerProblem
{
    /// <summary>The directory holds base.tar (pg_basebackup -Ft) and no data directory.</summary>
    TarFormatBackup,
    /// <summary>The directory has no PG_VERSION.</summary>
    NotADataDirectory,
    /// <summary>Not a Debian cluster name.</summary>
    BadServerName,
    /// <summary>The sandbox has a server of that name already.</summary>
    ServerExists,
}

/// <summary>
/// A server step's mistake as data (<see cref="Problem"/> and what it is about, <see cref="Subject"/>), so that the
/// screen says it in the interface's language; <see cref="Exception.Message"/> is the English of the CLI and reports.
/// </summary>
public sealed class SandboxServerException(SandboxServerProblem problem, string subject) : UserErrorException(EnglishOf(problem, subject))
{
    public SandboxServerProblem Problem { get; } = problem;

    /// <summary>The data directory or the server's name.</summary>
    public string Subject { get; } = subject;

    private static string EnglishOf(SandboxServerProblem problem, string subject) => problem switch
    {
        SandboxServerProblem.TarFormatBackup => $"{subject} holds a tar-format backup (base.tar): extract it first, e.g. tar -xf {subject}/base.tar -C DIR",
        SandboxServerProblem.NotADataDirectory => $"{subject} is not a PostgreSQL data directory (no PG_VERSION): was the backup or copy made there?",
        SandboxServerProblem.BadServerName => $"bad server name \"{subject}\": use letters, digits, \"_\" and \"-\" (a Debian cluster name)",
        _ => $"the sandbox already has a server \"{subject}\"",
    };
}
