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

    /// <summary>
    /// Stops the cluster (immediate: it is thrown away; then kill) and deletes its directory. Once the server is down,
    /// <paramref name="keepData"/> may take the data directory away (a spare for the next sandbox). Never throws.
    /// </summary>
    public static async Task StopAndRemoveAsync(string? pgCtl, ClusterOwner owner, string directory, Func<string, bool>? keepData = null)
    {
        var data = Path.Combine(directory, "data");
        var stopped = true;
        if (File.Exists(Path.Combine(data, "postmaster.pid")))
        {
            stopped = pgCtl is not null && await ClusterProcess.StopAsync(pgCtl, owner, data, "immediate");
            if (!stopped) stopped = KillPostmaster(data);
        }
        try
        {
            if (stopped && keepData is not null) keepData(data);
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ProcessRunner.RunAsync("rm", ["-rf", directory], CancellationToken.None);
        }
    }

    /// <summary>Kills the postmaster and its children; true when none is left (then the data directory is free).</summary>
    private static bool KillPostmaster(string data)
    {
        try
        {
            var pid = int.Parse(File.ReadLines(Path.Combine(data, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
            return process.WaitForExit(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is IOException or FormatException or ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return true; // already gone
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
