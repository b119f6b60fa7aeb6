using System.Globalization;

namespace LabRunner.Postgres;

/// <summary>Who runs the sandbox's initdb/pg_ctl: the current user, or `postgres` when LabRunner runs as root (PostgreSQL refuses root).</summary>
public sealed record ClusterOwner(string? RunAsUser)
{
    public const string PostgresUser = "postgres";

    /// <summary>The cluster user's uid and gid when it is not us (root hands its files over to it).</summary>
    internal (uint Uid, uint Gid)? Ids { get; init; }

    public static async Task<ClusterOwner> DetectAsync(CancellationToken ct)
    {
        if (!Environment.IsPrivilegedProcess) return new ClusterOwner((string?)null);
        var ids = Confinement.OsIdentity.Detect() is { } os ? (os.PostgresUid, os.PostgresGid) : await LookUpAsync(ct);
        if (ids is null)
        {
            throw new PostgresUnavailableException(
                "LabRunner is running as root, and PostgreSQL refuses to run as root, so the sandbox runs as the `postgres` OS user — " +
                "but there is no such user. Install Debian's `postgresql` package (it creates the user), or create it: `useradd --system postgres`.");
        }
        return new ClusterOwner(PostgresUser) { Ids = ids };
    }

    /// <summary>A user not in /etc/passwd (LDAP, sssd): ask `id`.</summary>
    private static async Task<(uint, uint)?> LookUpAsync(CancellationToken ct)
    {
        var uid = await ProcessRunner.RunAsync("id", ["-u", PostgresUser], ct);
        var gid = await ProcessRunner.RunAsync("id", ["-g", PostgresUser], ct);
        return uid.Succeeded && gid.Succeeded
            ? (uint.Parse(uid.Output.Trim(), CultureInfo.InvariantCulture), uint.Parse(gid.Output.Trim(), CultureInfo.InvariantCulture))
            : null;
    }

    /// <summary>Creates a directory the cluster's user can write (PostgreSQL wants data dirs 0700, owned by itself).</summary>
    public Task CreateDirectoryAsync(string path, string mode, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(path, (UnixFileMode)Convert.ToInt32(mode, 8));
            File.SetUnixFileMode(path, (UnixFileMode)Convert.ToInt32(mode, 8)); // an existing directory, or one the umask narrowed
            GiveAway(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PostgresUnavailableException($"Cannot create {path}: {e.Message}");
        }
        return Task.CompletedTask;
    }

    /// <summary>Hands a file or directory we made over to the cluster's user (nothing to do when that is us).</summary>
    internal void GiveAway(string path)
    {
        if (Ids is { } ids) Confinement.Posix.Chown(path, ids.Uid, ids.Gid);
    }

    public Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, CancellationToken ct) =>
        ProcessRunner.RunAsync(file, args, ct, RunAsUser);
}
