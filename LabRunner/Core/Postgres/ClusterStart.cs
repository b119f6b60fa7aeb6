using System.Diagnostics;
using LabRunner.Postgres.Confinement;

namespace LabRunner.Postgres;

/// <summary>
/// Starts and stops a Debian cluster inside a sandbox with the exact pg_ctl command pg_ctlcluster runs (same data
/// directory, log file and config_file), without its ≥ 2 s of waiting: LabRunner polls postmaster.pid every 5 ms for
/// "ready", which a standby or a restored backup reaches once recovery lets it accept connections.
/// </summary>
internal static class ClusterStart
{
    public static async Task StartAsync(InsideCommand inside, PgBinaries bins, DebianCluster cluster, TimeSpan timeout, CancellationToken ct)
    {
        var start = await inside.RunAsync(Command(bins, cluster), ct);
        if (!start.Succeeded) throw Failure(cluster, start.Output);
        await WaitReadyAsync(cluster, timeout, ct);
    }

    /// <summary>The command that starts the server inside the sandbox (without waiting; it runs in a session of its own).</summary>
    public static IReadOnlyList<string> Command(PgBinaries bins, DebianCluster cluster) =>
        ["setsid", Path.Combine(bins.BinDirectory, "pg_ctl"), "start",
            "-D", cluster.InsideDataDirectory, "-l", cluster.InsideLogFile, "-s",
            "-o", $"-c config_file=\"{cluster.InsideConfigFile}\""];

    /// <summary>Waits for a server whose start was launched to accept connections; throws with its log when it gives up.</summary>
    public static async Task WaitReadyAsync(DebianCluster cluster, TimeSpan timeout, CancellationToken ct)
    {
        var pidFile = Path.Combine(cluster.DataDirectory, "postmaster.pid");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (cluster.Running() is { Ready: true }) return;
            // A postmaster that gives up removes its pid file; a standby's walreceiver may log FATAL while it still lives.
            if (clock.Elapsed > TimeSpan.FromMilliseconds(200) && !File.Exists(pidFile) && LogHas(cluster.LogFile, "FATAL", "PANIC"))
                throw Failure(cluster, "the server exited during startup");
            if (clock.Elapsed > timeout) throw Failure(cluster, "the server did not become ready in time");
            await Task.Delay(5, ct);
        }
    }

    public static async Task<bool> StopAsync(InsideCommand inside, PgBinaries bins, DebianCluster cluster, CancellationToken ct) =>
        (await inside.RunAsync([Path.Combine(bins.BinDirectory, "pg_ctl"), "stop", "-D", cluster.InsideDataDirectory,
            "-m", "fast", "-w", "-t", "30", "-s"], ct)).Succeeded;

    private static bool LogHas(string logFile, params string[] words)
    {
        try { return File.Exists(logFile) && File.ReadAllText(logFile) is var text && words.Any(w => text.Contains(w, StringComparison.Ordinal)); }
        catch (IOException) { return false; }
    }

    /// <summary>The log's last FATAL or PANIC message ("FATAL:  could not locate required checkpoint record"): the reason a person needs first.</summary>
    private static string? FatalLine(string logFile)
    {
        try
        {
            if (!File.Exists(logFile)) return null;
            var line = File.ReadLines(logFile).LastOrDefault(l => l.Contains("FATAL:", StringComparison.Ordinal) || l.Contains("PANIC:", StringComparison.Ordinal));
            return line?[line.IndexOf(line.Contains("FATAL:", StringComparison.Ordinal) ? "FATAL:" : "PANIC:", StringComparison.Ordinal)..];
        }
        catch (IOException) { return null; }
    }

    public static string LogTail(string logFile, int lines = 20)
    {
        try { return File.Exists(logFile) ? string.Join('\n', File.ReadAllText(logFile).TrimEnd().Split('\n').TakeLast(lines)) : "(no log)"; }
        catch (IOException e) { return $"(cannot read the log: {e.Message})"; }
    }

    public static PostgresUnavailableException Failure(DebianCluster cluster, string why) =>
        FatalLine(cluster.LogFile) is { } fatal
            ? new($"The sandbox PostgreSQL server {cluster.Name} did not start: {fatal}\n({why.Trim()})\n--- {cluster.InsideLogFile} (last lines) ---\n{LogTail(cluster.LogFile)}")
            : new($"The sandbox PostgreSQL server {cluster.Name} did not start: {why.Trim()}\n--- {cluster.InsideLogFile} (last lines) ---\n{LogTail(cluster.LogFile)}");
}
