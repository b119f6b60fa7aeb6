using System.Collections.Concurrent;
using System.Diagnostics;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// Whether a sandbox can be confined here, and if not, why (one line). Needs Linux with user namespaces, bubblewrap,
/// nsenter and setpriv, Debian's postgresql-common (pg_createcluster), server binaries the postgres OS user can read
/// (Debian's, or any --pg-bin folder: <see cref="ServerInstall"/> puts them at Debian's place inside), and that user. bwrap is tried once per process. LABRUNNER_BWRAP names another bwrap
/// (e.g. a path that does not exist, to see LabRunner where bubblewrap is missing). bwrap's run is remembered across
/// runs (<see cref="ProbeCache"/>).
/// </summary>
internal sealed record Bubblewrap(OsIdentity? Identity, string? Problem)
{
    public const string InstallHint = "install bubblewrap (`apt-get install -y bubblewrap`)";
    public static readonly Bubblewrap Off = new(null, "the sandbox was started without confinement");
    private static readonly ConcurrentDictionary<string, Bubblewrap> Checked = new(StringComparer.Ordinal);

    public static string Program => Environment.GetEnvironmentVariable("LABRUNNER_BWRAP") is { Length: > 0 } p ? p : "bwrap";

    /// <summary>True when bwrap was not run this time: its success came from <see cref="ProbeCache"/>.</summary>
    public bool Remembered { get; init; }

    /// <param name="cacheDirectory">Where the probe's success is remembered across runs (null: nowhere).</param>
    public static Bubblewrap Check(PgBinaries bins, string? cacheDirectory = null) => Check(bins, cacheDirectory, Program);

    internal static Bubblewrap Check(PgBinaries bins, string? cacheDirectory, string program) =>
        Checked.GetOrAdd(program + "|" + bins.BinDirectory + "|" + cacheDirectory, _ => Probe(bins, cacheDirectory, program));

    /// <summary>After a remembered success proved wrong (the namespace holder did not start): forgotten, probed again.</summary>
    public static Bubblewrap Recheck(PgBinaries bins, string? cacheDirectory) => Recheck(bins, cacheDirectory, Program);

    internal static Bubblewrap Recheck(PgBinaries bins, string? cacheDirectory, string program)
    {
        if (cacheDirectory is not null) ProbeCache.Forget(ProbeCache.FileFor(cacheDirectory, program));
        return Checked[program + "|" + bins.BinDirectory + "|" + cacheDirectory] = Probe(bins, cacheDirectory, program);
    }

    /// <summary>The checks, bwrap's run included unless remembered (no per-process memory: tests call it directly).</summary>
    internal static Bubblewrap Probe(PgBinaries bins, string? cacheDirectory, string program)
    {
        if (!OperatingSystem.IsLinux()) return new(null, "bubblewrap confinement needs Linux");
        if (Which(program) is not { } bwrap) return new(null, $"bubblewrap (bwrap) is not installed; {InstallHint}");
        foreach (var tool in new[] { "nsenter", "setpriv" })
            if (Which(tool) is null) return new(null, $"{tool} is not installed (`apt-get install -y util-linux`)");
        if (!File.Exists("/usr/bin/pg_createcluster") || !Directory.Exists("/etc/postgresql-common"))
            return new(null, "Debian's postgresql-common (pg_createcluster) is not installed (`apt-get install -y postgresql`)");
        if (OsIdentity.Detect() is not { } identity)
            return new(null, "there is no postgres OS user (Debian's postgresql package creates it)");
        // Binaries from elsewhere (--pg-bin) are bound into the sandbox by its owner, who must be able to read them.
        if (ServerInstall.For(bins).Prefix is { } prefix && identity.IsRoot
            && Run(identity.AsOwner.Concat(["test", "-x", Path.Combine(bins.BinDirectory, "postgres"), "-a", "-r", prefix]).ToList()) is not null)
            return new(null, $"the postgres user cannot read the server binaries in {prefix} (`chmod -R a+rX` them, and let it reach the folder)");
        var cache = cacheDirectory is null ? null : ProbeCache.FileFor(cacheDirectory, program);
        var key = cache is null ? null : ProbeCache.Key(bwrap, identity);
        if (cache is not null && key is not null && ProbeCache.IsTrusted(cache, key)) return new(identity, null) { Remembered = true };
        var probe = Run(identity.AsOwner.Concat([program, "--unshare-user", "--unshare-pid", "--unshare-net", "--unshare-ipc",
            "--ro-bind", "/", "/", "--proc", "/proc", "true"]).ToList());
        if (cache is not null)
        {
            if (probe is null && key is not null) ProbeCache.Remember(cache, key);
            else ProbeCache.Forget(cache);
        }
        return probe is null ? new(identity, null) : new(null, $"bubblewrap cannot make namespaces here ({probe})");
    }

    private static string? Which(string program)
    {
        if (program.Contains('/')) return File.Exists(program) ? program : null;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
            if (File.Exists(Path.Combine(dir, program))) return Path.Combine(dir, program);
        foreach (var dir in new[] { "/usr/bin", "/usr/sbin", "/bin", "/sbin" })
            if (File.Exists(Path.Combine(dir, program))) return Path.Combine(dir, program);
        return null;
    }

    /// <summary>Null when the command succeeded, else its first line of complaint.</summary>
    private static string? Run(IReadOnlyList<string> argv)
    {
        var psi = new ProcessStartInfo(argv[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in argv.Skip(1)) psi.ArgumentList.Add(a);
        try
        {
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : (err.Trim().Split('\n')[0] is { Length: > 0 } line ? line : $"exit code {p.ExitCode}");
        }
        catch (System.ComponentModel.Win32Exception e) { return e.Message; }
    }
}
