using System.Diagnostics;

namespace LabRunner.Postgres;

/// <summary>Starts and stops one cluster's postmaster with pg_ctl.</summary>
internal static class ClusterProcess
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Starts the server and waits until it accepts connections. We poll postmaster.pid ourselves (every 5 ms) rather than
    /// `pg_ctl -w`, which checks only every 100 ms: the sandbox is ready sooner.
    /// </summary>
    public static async Task StartAsync(PgBinaries bins, ClusterOwner owner, string dataDirectory, string logFile, int port, string socketDirectory, CancellationToken ct)
    {
        var start = await owner.RunAsync(bins.PgCtl,
            ["-D", dataDirectory, "-l", logFile, "-W", "-o", $"-p {port} -k {socketDirectory} -c listen_addresses=''", "start"], ct);
        if (!start.Succeeded) throw StartFailure(start.Output, logFile);

        var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
        var clock = Stopwatch.StartNew();
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            var lines = TryReadLines(pidFile);
            if (lines is { Length: >= 8 } && lines[7].StartsWith("ready", StringComparison.Ordinal)) return;
            var died = lines is { Length: > 0 } && int.TryParse(lines[0], out var pid) && !File.Exists($"/proc/{pid}/stat");
            if (died || clock.Elapsed > StartTimeout || (lines is null && LogHasFatal(logFile) && clock.Elapsed > TimeSpan.FromMilliseconds(200)))
                throw StartFailure(died ? "the server exited during startup" : lines is null ? "the server did not start" : "the server did not become ready in time", logFile);
            await Task.Delay(5, ct);
        }
    }

    /// <summary>
    /// Stops the server: the shutdown signal straight to the postmaster (what pg_ctl sends: SIGINT for "fast", SIGQUIT for
    /// "immediate"), then waits for it to exit, polling every 2 ms (pg_ctl -w looks every 100 ms). Falls back to pg_ctl
    /// when the postmaster cannot be signalled.
    /// </summary>
    public static async Task<bool> StopAsync(string pgCtl, ClusterOwner owner, string dataDirectory, string mode)
    {
        if (ReadPostmasterPid(dataDirectory) is { } pid && Confinement.Posix.Kill(pid, mode == "immediate" ? 3 : 2) /* SIGQUIT, SIGINT */)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (HasExited(pid)) return true;
                await Task.Delay(2, CancellationToken.None);
            }
        }
        return (await owner.RunAsync(pgCtl, ["-D", dataDirectory, "stop", "-m", mode, "-w", "-t", "30"], CancellationToken.None)).Succeeded;
    }

    /// <summary>The postmaster's pid, only while the pid file names a live postgres process (a stale file names someone else).</summary>
    private static int? ReadPostmasterPid(string dataDirectory)
    {
        var lines = TryReadLines(Path.Combine(dataDirectory, "postmaster.pid"));
        if (lines is not { Length: > 0 } || !int.TryParse(lines[0].Trim(), out var pid) || pid <= 1) return null;
        try { return File.ReadAllText($"/proc/{pid}/comm").StartsWith("postgres", StringComparison.Ordinal) ? pid : null; }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    /// <summary>Gone, or a zombie its parent has not reaped yet (a container without an init): either way it holds nothing.</summary>
    private static bool HasExited(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return false; }
    }

    private static string[]? TryReadLines(string path)
    {
        try { return File.ReadAllLines(path); }
        catch (IOException) { return null; }
    }

    private static bool LogHasFatal(string logFile)
    {
        try { return File.Exists(logFile) && File.ReadAllText(logFile).Contains("FATAL"); }
        catch (IOException) { return false; }
    }

    private static PostgresUnavailableException StartFailure(string why, string logFile)
    {
        var log = File.Exists(logFile) ? ClusterTemplate.Tail(File.ReadAllText(logFile)) : "(no log)";
        return new PostgresUnavailableException($"The sandbox PostgreSQL server did not start: {why.Trim()}\n--- {logFile} (last lines) ---\n{log}");
    }
}
