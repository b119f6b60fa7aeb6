namespace LabRunner.Postgres.Confinement;

/// <summary>
/// bwrap's command line for a sandbox's namespace holder: one user namespace (inside, every process is postgres),
/// its own pid, network and IPC namespaces, the host read-only (an allow-list of top-level trees: /home, /root and
/// the like are absent), and the sandbox folder at the Debian paths a lab names. Order matters: the writable root
/// first, then the read-only trees, then the writable Debian paths on top of them.
/// </summary>
internal static class HolderArguments
{
    public const string InsidePath = "/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin";
    public const string InsideHome = "/var/lib/postgresql";

    private static readonly string[] HostTrees = ["/usr", "/etc", "/var", "/opt", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];
    private static readonly string[] Devices = ["null", "zero", "full", "random", "urandom", "tty"];

    public static List<string> For(SandboxLayout layout, OsIdentity identity, string shimDirectory, SharedFiles shared, ServerInstall install, string? passwd = null)
    {
        var a = new List<string>
        {
            "--unshare-user", "--uid", identity.PostgresUid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gid", identity.PostgresGid.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Own pids (the kernel kills every process when the holder ends), own loopback (the lab's ports), own SysV IPC.
            // The holder's stdin pipe is what ties the sandbox's life to LabRunner's. No --dev (it nests a second user
            // namespace and nsenter then cannot join the others) and no --disable-userns (same).
            "--unshare-pid", "--unshare-net", "--unshare-ipc",
            "--bind", layout.Fs, "/",
        };
        foreach (var tree in HostTrees)
        {
            var info = new FileInfo(tree);
            if (info.LinkTarget is { } target) a.AddRange(["--symlink", target, tree]); // merged /usr: /bin -> usr/bin
            else if (Directory.Exists(tree)) a.AddRange(["--ro-bind", tree, tree]);
        }
        a.AddRange(["--proc", "/proc", "--tmpfs", "/dev"]);
        foreach (var d in Devices) a.AddRange(["--dev-bind", "/dev/" + d, "/dev/" + d]);
        a.AddRange([
            "--tmpfs", "/dev/shm",
            "--symlink", "/proc/self/fd", "/dev/fd", "--symlink", "/proc/self/fd/0", "/dev/stdin",
            "--symlink", "/proc/self/fd/1", "/dev/stdout", "--symlink", "/proc/self/fd/2", "/dev/stderr",
            "--bind", layout.Tmp, "/tmp", "--bind", layout.VarTmp, "/var/tmp",
            // A private /run (so /var/run/postgresql is the sandbox's socket dir) also hides /run/systemd/system:
            // pg_ctlcluster, service and init-functions then take their non-systemd paths.
            "--bind", layout.Run, "/run",
            "--bind", layout.EtcPostgresql, "/etc/postgresql",
            "--bind", layout.EtcPostgresqlCommon, "/etc/postgresql-common",
            "--bind", layout.VarLibPostgresql, InsideHome,
            "--bind", layout.VarLogPostgresql, "/var/log/postgresql",
            // sudo, su and systemctl shims first on every PATH (login shells too); hides the host's /usr/local/bin.
            "--ro-bind", shimDirectory, "/usr/local/bin",
        ]);
        a.AddRange(install.BindArguments());
        if (passwd is not null) a.AddRange(["--ro-bind", passwd, "/etc/passwd"]);
        if (shared.SnakeoilKey is { } key)
            a.AddRange(["--ro-bind", key, "/etc/ssl/private/ssl-cert-snakeoil.key"]);
        a.AddRange([
            "--chdir", InsideHome, "--clearenv",
            "--setenv", "PATH", InsidePath, "--setenv", "HOME", InsideHome,
            "--setenv", "USER", OsIdentity.PostgresUser, "--setenv", "LOGNAME", OsIdentity.PostgresUser, "--setenv", "LANG", "C.UTF-8",
        ]);
        return a;
    }
}
