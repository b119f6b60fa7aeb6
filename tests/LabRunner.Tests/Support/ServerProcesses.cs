using System.Globalization;

namespace LabRunner.Tests.Support;

/// <summary>A test's own sandbox server seen from outside: its postmaster (postmaster.pid) and its backends (/proc).</summary>
internal static class ServerProcesses
{
    public static int Postmaster(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim(), CultureInfo.InvariantCulture);

    /// <summary>Backends of the postmaster whose process title contains <paramref name="activity"/> ("SELECT").</summary>
    public static IEnumerable<int> Backends(int postmaster, string activity)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid)) continue;
            string stat, title;
            try
            {
                stat = File.ReadAllText(Path.Combine(dir, "stat"));
                title = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (int.Parse(fields[1], CultureInfo.InvariantCulture) == postmaster && title.Contains(activity, StringComparison.Ordinal)) yield return pid;
        }
    }

    /// <summary>
    /// The backend that has been doing <paramref name="activity"/> for <paramref name="steadily"/> without a break: a long
    /// statement (pg_sleep), not a quick one of an earlier step or of LabRunner's activity monitor.
    /// </summary>
    public static async Task<int> WaitForBackendAsync(int postmaster, string activity, TimeSpan steadily, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        var since = new Dictionary<int, DateTime>();
        while (true)
        {
            var now = DateTime.UtcNow;
            var busy = Backends(postmaster, activity).ToHashSet();
            foreach (var gone in since.Keys.Where(p => !busy.Contains(p)).ToList()) since.Remove(gone);
            foreach (var pid in busy) since.TryAdd(pid, now);
            if (since.FirstOrDefault(p => now - p.Value >= steadily) is { Key: > 0 } found) return found.Key;
            if (now > deadline) throw new TimeoutException($"no backend of {postmaster} doing {activity} for {steadily} within {within}");
            await Task.Delay(25);
        }
    }

    public static void Kill(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill(); // SIGKILL
    }
}
