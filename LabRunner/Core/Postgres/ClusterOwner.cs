namespace LabRunner.Postgres;

/// <summary>Who runs the sandbox's initdb/pg_ctl: the current user, or `postgres` when LabRunner runs as root (PostgreSQL refuses root).</summary>
public sealed record ClusterOwner(string? RunAsUser)
{
    public const string PostgresUser = "postgres";

    public static async Task<ClusterOwner> DetectAsync(CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess) return new ClusterOwner((string?)null);
        var id = await ProcessRunner.RunAsync("id", ["-u", PostgresUser], ct);
        if (!id.Succeeded)
        {
            throw new PostgresUnavailableException(
                "LabRunner is running as root, and PostgreSQL refuses to run as root, so the sandbox runs as the `postgres` OS user — " +
                "but there is no such user. Install Debian's `postgresql` package (it creates the user), or create it: `useradd --system postgres`.");
        }
        return new ClusterOwner(PostgresUser);
    }

    /// <summary>Creates a directory the cluster's user can write (PostgreSQL wants data dirs 0700, owned by itself).</summary>
    public async Task CreateDirectoryAsync(string path, string mode, CancellationToken ct)
    {
        var args = RunAsUser is null ? new[] { "-d", "-m", mode, path } : ["-d", "-m", mode, "-o", RunAsUser, "-g", RunAsUser, path];
        var result = await ProcessRunner.RunAsync("install", args, ct);
        if (!result.Succeeded) throw new PostgresUnavailableException($"Cannot create {path}: {result.Output.Trim()}");
    }

    public Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, CancellationToken ct) =>
        ProcessRunner.RunAsync(file, args, ct, RunAsUser);
}
