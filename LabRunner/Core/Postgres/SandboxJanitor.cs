using System.Globalization;
namespace LabRunner.Postgres;

/// <summary>Stops and removes sandbox clusters: ours on dispose, and those a killed LabRunner left behind.</summary>
internal static class SandboxJanitor
{
    public static async Task CleanAbandonedAsync(string root, CancellationToken ct)
    {
        if (!Directory.Exists(root)) return;
        foreach (var dir in Directory.GetDirectories(root, "sandbox-*"))
        {
            if (!SandboxLease.IsAbandoned(dir)) continue;
            var bins = await FindPgCtlForAsync(dir, ct);
            var owner = await ClusterOwner.DetectAsync(ct);
            await StopAndRemoveAsync(bins, owner, dir);
        }
    }

    /// <summary>Stops the cluster (fast, then immediate, then kill) and deletes its directory. Never throws.</summary>
    public static async Task StopAndRemoveAsync(string? pgCtl, ClusterOwner owner, string directory)
    {
        var data = Path.Combine(directory, "data");
        var none = CancellationToken.None;
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            var stopped = false;
            if (pgCtl is not null)
            {
                stopped = await ClusterProcess.StopAsync(pgCtl, owner, data, "fast")
                       || await ClusterProcess.StopAsync(pgCtl, owner, data, "immediate");
            }
            if (!stopped) KillPostmaster(data);
        }
        await ProcessRunner.RunAsync("rm", ["-rf", directory], none);
    }

    private static void KillPostmaster(string data)
    {
        try
        {
            var pid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
            System.Diagnostics.Process.GetProcessById(pid).Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // already gone
        }
    }

    /// <summary>The pg_ctl of the version that made the leftover cluster (PG_VERSION), whatever is installed first.</summary>
    private static async Task<string?> FindPgCtlForAsync(string directory, CancellationToken ct)
    {
        var versionFile = Path.Combine(directory, "data", "PG_VERSION");
        if (File.Exists(versionFile))
        {
            var major = File.ReadAllText(versionFile).Trim();
            var debian = $"/usr/lib/postgresql/{major}/bin/pg_ctl";
            if (File.Exists(debian)) return debian;
        }
        try { return (await PgBinaries.FindAsync(null, ct)).PgCtl; }
        catch (PostgresUnavailableException) { return null; }
    }
}
