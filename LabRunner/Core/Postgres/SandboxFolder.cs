using LabRunner.Postgres.Confinement;

namespace LabRunner.Postgres;

/// <summary>Making, filling and removing one sandbox folder (0700, owned by the servers' user).</summary>
internal static class SandboxFolder
{
    public const string Prefix = "sandbox-";

    /// <summary>A new, empty, private folder under the sandbox root, owned by the servers' user.</summary>
    public static SandboxLayout Create(string root, OsIdentity identity, string kind = "")
    {
        var dir = Path.Combine(root, $"{Prefix}{kind}{Guid.NewGuid().ToString("N")[..10]}");
        Directory.CreateDirectory(dir, (UnixFileMode)0b111_000_000);
        if (identity.IsRoot) Posix.Chown(dir, identity.PostgresUid, identity.PostgresGid);
        return new SandboxLayout(dir);
    }

    /// <summary>The Debian folders with their modes, /etc/postgresql-common (the host's plus LabRunner's createcluster settings).</summary>
    public static void WriteSkeleton(SandboxLayout layout, OsIdentity identity)
    {
        foreach (var (path, mode) in layout.Folders())
        {
            Directory.CreateDirectory(path);
            File.SetUnixFileMode(path, mode);
            if (identity.IsRoot) Posix.Chown(path, identity.PostgresUid, identity.PostgresGid);
        }
        CopyTree("/etc/postgresql-common", layout.EtcPostgresqlCommon);
        var createcluster = Directory.CreateDirectory(Path.Combine(layout.EtcPostgresqlCommon, "createcluster.d")).FullName;
        // Read by pg_createcluster (include_dir in createcluster.conf) for every cluster made here, LabRunner's or the lab's.
        // Only fsync: full_page_writes and synchronous_commit stay Debian's (replication labs look at them).
        File.WriteAllText(Path.Combine(createcluster, "labrunner.conf"),
            "# LabRunner sandbox: throwaway clusters; durability buys nothing.\nfsync = off\ninitdb_options = '--no-sync'\n");
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            if (new DirectoryInfo(dir).LinkTarget is null) CopyTree(dir, Path.Combine(to, Path.GetFileName(dir)));
    }

    /// <summary>cp -a: keeps owners (postgres's, when we are root) and modes; sparse, since the WAL segment is mostly zeros.</summary>
    public static async Task CopyAsync(string from, string to, CancellationToken ct)
    {
        var copy = await ProcessRunner.RunAsync("cp", ["-a", "--sparse=always", from, to], ct);
        if (!copy.Succeeded) throw new PostgresUnavailableException($"Cannot copy {from}: {copy.Output.Trim()}");
    }

    /// <summary>Deletes the folder (a lab may have left a folder without write permission: chmod first). Never throws.</summary>
    public static async Task RemoveAsync(string dir)
    {
        if (!Directory.Exists(dir)) return;
        await ProcessRunner.RunAsync("chmod", ["-R", "u+rwX", dir], CancellationToken.None);
        await ProcessRunner.RunAsync("rm", ["-rf", dir], CancellationToken.None);
    }
}
