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

    /// <summary>The command that starts the server inside the sandbox (in a session of its own). pg_ctl waits for the
    /// server by default, looking every 100 ms; with <paramref name="wait"/> false it returns at once and
    /// <see cref="WaitReadyAsync"/> looks every 5 ms: only for a data directory with no postmaster.pid at all (a fresh
    /// copy of a template), where a "ready" in that file can only be the new server's.</summary>
    public static IReadOnlyList<string> Command(PgBinaries bins, DebianCluster cluster, bool wait = true) =>
        ["setsid", Path.Combine(bins.BinDirectory, "pg_ctl"), "start", wait ? "-w" : "-W",
            "-D", cluster.InsideDataDirectory, "-l", cluster.InsideLogFile, "-s",
            "-o", $"-c config_file=\"{cluster.InsideConfigFile}\""];

    /// <summary>The log's length now: what a start appends comes after it (<see cref="WaitReadyAsync"/> reads only that).</summary>
    public static long LogLength(DebianCluster cluster)
    {
        try { return new FileInfo(cluster.LogFile) is { Exists: true } log ? log.Length : 0; }
        catch (IOException) { return 0; }
    }

    /// <summary>Waits for a server whose start was launched to accept connections; throws with its log when it gives up.
    /// <paramref name="logFrom"/>: where this start's lines begin in the log (an older FATAL there is not this start's).</summary>
    public static async Task WaitReadyAsync(DebianCluster cluster, TimeSpan timeout, CancellationToken ct, long logFrom = 0)
    {
        var pidFile = Path.Combine(cluster.DataDirectory, "postmaster.pid");
        var clock = Stopwatch.StartNew();
        var seen = false;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (cluster.Running() is { Ready: true }) return;
            var exists = File.Exists(pidFile);
            // A postmaster that gives up removes its pid file; a standby's walreceiver may log FATAL while it still lives.
            if (seen && !exists) throw Failure(cluster, "the server exited during startup");
            seen |= exists;
            if (clock.Elapsed > TimeSpan.FromMilliseconds(200) && !exists && LogHas(cluster.LogFile, logFrom, "FATAL", "PANIC"))
                throw Failure(cluster, "the server exited during startup");
            if (clock.Elapsed > timeout) throw Failure(cluster, "the server did not become ready in time");
            await Task.Delay(5, ct);
        }
    }

    /// <summary>
    /// After a start on a restored backup (recovery.signal, no standby.signal), waits until recovery has ended: with hot
    /// standby on, the server accepts read-only connections as soon as the copy is consistent, a moment before its
    /// promotion, so a step right after the start would still see pg_is_in_recovery() = t. Read from pg_control's state
    /// (any language, any version since 9.x); a recovery that pauses at its target (recovery_target_action = pause, logged
    /// as "recovery has paused") or a timeout ends the wait too: the server is up either way.
    /// </summary>
    public static async Task WaitForEndOfRecoveryAsync(DebianCluster cluster, long logFrom, TimeSpan timeout, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && State(cluster.DataDirectory) == InArchiveRecovery
               && !LogHas(cluster.LogFile, logFrom, "recovery has paused", "pausing at the end of recovery"))
        {
            if (cluster.Running() is null) return; // stopped or died: the next step says so
            await Task.Delay(10, ct);
        }
    }

    /// <summary>DBState in pg_control: 4 bytes after the system identifier, control version and catalog version.</summary>
    private const int InArchiveRecovery = 5;

    private static int? State(string dataDirectory)
    {
        try
        {
            using var file = File.OpenRead(Path.Combine(dataDirectory, "global", "pg_control"));
            Span<byte> head = stackalloc byte[20];
            return file.ReadAtLeast(head, 20, throwOnEndOfStream: false) == 20 ? System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(head[16..]) : null;
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    public static async Task<bool> StopAsync(InsideCommand inside, PgBinaries bins, DebianCluster cluster, CancellationToken ct) =>
        (await inside.RunAsync([Path.Combine(bins.BinDirectory, "pg_ctl"), "stop", "-D", cluster.InsideDataDirectory,
            "-m", "fast", "-w", "-t", "30", "-s"], ct)).Succeeded;

    private static bool LogHas(string logFile, long from, params string[] words)
    {
        try
        {
            if (!File.Exists(logFile)) return false;
            using var log = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (from > log.Length) from = 0; // truncated since
            log.Seek(from, SeekOrigin.Begin);
            var text = new StreamReader(log).ReadToEnd();
            return words.Any(w => text.Contains(w, StringComparison.Ordinal));
        }
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
