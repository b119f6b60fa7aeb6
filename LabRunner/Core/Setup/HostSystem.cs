namespace LabRunner.Setup;

/// <summary>The machine LabRunner runs on, as far as installing software goes: where programs are found, whether we are root.</summary>
public sealed record HostSystem
{
    /// <summary>The directories of PATH, in order.</summary>
    public required IReadOnlyList<string> SearchPath { get; init; }
    public required bool IsRoot { get; init; }
    public bool IsMacOS { get; init; }
    /// <summary>Roots holding PostgreSQL's versioned directories (Debian: /usr/lib/postgresql/N/bin).</summary>
    public IReadOnlyList<string> PostgresRoots { get; init; } = [LabRunner.Postgres.PgSearch.DebianRoot];
    /// <summary>apt's package lists; when it holds none, `apt-get update` must come before `apt-get install` (fresh containers).</summary>
    public string AptListsDirectory { get; init; } = "/var/lib/apt/lists";

    public static HostSystem Current() => new()
    {
        SearchPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries),
        IsRoot = Environment.IsPrivilegedProcess,
        IsMacOS = OperatingSystem.IsMacOS(),
    };

    /// <summary>The full path of an executable program on PATH (or the path itself when it names one), else null.</summary>
    public string? Which(string program)
    {
        if (program.Contains('/')) return IsExecutable(program) ? program : null;
        return SearchPath.Select(d => Path.Combine(d, program)).FirstOrDefault(IsExecutable);
    }

    public LabRunner.Postgres.PgSearch PgSearch => new(SearchPath, PostgresRoots);

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
