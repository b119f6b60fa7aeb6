using System.Text.Json;

namespace LabRunner.Tests.Support;

/// <summary>
/// A test's own sandbox seen from outside: its postmaster and backends. In a confined sandbox these are the processes of
/// its pid namespace (holder.json names the namespace's first process); in a plain one, those whose command line names
/// its folder. Either way nothing outside that one sandbox is ever picked.
/// </summary>
internal static class ServerProcesses
{
    private static List<int> OfSandbox(string sandboxDirectory)
    {
        var holder = Path.Combine(sandboxDirectory, "holder.json");
        if (File.Exists(holder))
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(holder));
            var ns = HostProcesses.PidNamespace(doc.RootElement.GetProperty("child-pid").GetInt32());
            return ns is null ? [] : HostProcesses.InNamespace(ns);
        }
        return Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && HostProcesses.CommandLine(pid).Contains(sandboxDirectory, StringComparison.Ordinal)).ToList();
    }

    /// <summary>The sandbox's postmaster (its command line is the server binary's; backends' are "postgres: ...").</summary>
    public static int? Postmaster(string sandboxDirectory) =>
        OfSandbox(sandboxDirectory).Where(p => HostProcesses.CommandLine(p) is var c && c.Contains("/postgres ", StringComparison.Ordinal)
            && c.Contains(" -D ", StringComparison.Ordinal)).Cast<int?>().FirstOrDefault();

    /// <summary>
    /// The backend that has been doing <paramref name="activity"/> for <paramref name="steadily"/> without a break: a long
    /// statement (pg_sleep), not a quick one of an earlier step or of LabRunner's activity monitor.
    /// </summary>
    public static async Task<int> WaitForBackendAsync(string sandboxDirectory, string activity, TimeSpan steadily, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var since = new Dictionary<int, DateTime>();
        while (true)
        {
            var now = DateTime.UtcNow;
            var busy = OfSandbox(sandboxDirectory).Where(p => HostProcesses.CommandLine(p) is var c
                && c.StartsWith("postgres: ", StringComparison.Ordinal) && c.Contains(activity, StringComparison.Ordinal)).ToHashSet();
            foreach (var gone in since.Keys.Where(p => !busy.Contains(p)).ToList()) since.Remove(gone);
            foreach (var pid in busy) since.TryAdd(pid, now);
            if (since.FirstOrDefault(p => now - p.Value >= steadily) is { Key: > 0 } found) return found.Key;
            if (now > deadline) throw new TimeoutException($"no backend doing {activity} for {steadily} within {within} in {sandboxDirectory}");
            await Task.Delay(25);
        }
    }

    /// <summary>SIGKILL; a process that is already gone (a backend ends by itself once its postmaster is killed) is fine.</summary>
    public static void Kill(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }
        catch (ArgumentException) { } // not running any more
        catch (InvalidOperationException) { } // exited between the lookup and the kill
    }
}
