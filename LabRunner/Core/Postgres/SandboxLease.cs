using System.Globalization;

namespace LabRunner.Postgres;

/// <summary>
/// The owner file in a sandbox directory: which process owns the cluster. If that process is gone (kill -9),
/// the next LabRunner start stops and removes the cluster.
/// </summary>
internal static class SandboxLease
{
    public const string FileName = "labrunner.owner";
    public const string KeepFileName = "labrunner.keep";

    public static void Write(string sandboxDirectory)
    {
        var pid = Environment.ProcessId;
        File.WriteAllText(Path.Combine(sandboxDirectory, FileName), $"{pid} {StartTicks(pid)}\n");
    }

    public static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException) { return false; }
    }

    public static bool IsAbandoned(string sandboxDirectory) => IsAbandoned(sandboxDirectory, DateTime.UtcNow);

    /// <summary><paramref name="now"/>: the clock, for tests of a half-made folder's age.</summary>
    internal static bool IsAbandoned(string sandboxDirectory, DateTime now)
    {
        if (File.Exists(Path.Combine(sandboxDirectory, KeepFileName))) return false;
        var path = Path.Combine(sandboxDirectory, FileName);
        if (!File.Exists(path))
        {
            // Half-made (crash before the lease was written): abandoned once it is not brand new.
            return Directory.GetCreationTimeUtc(sandboxDirectory) < now.AddMinutes(-1);
        }
        var parts = File.ReadAllText(path).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length < 2 || !int.TryParse(parts[0], out var pid)) return true;
        return StartTicks(pid) != parts[1]; // dead, or the pid was reused by another process
    }

    /// <summary>
    /// Process start time in clock ticks since boot (/proc/PID/stat field 22): identifies a process across pid reuse.
    /// A zombie (killed, not yet reaped by its parent) counts as gone.
    /// </summary>
    private static string StartTicks(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterName = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (afterName[0] == "Z") return "gone";
            return afterName[19].ToString(CultureInfo.InvariantCulture);
        }
        catch (IOException) { return "gone"; }
        catch (UnauthorizedAccessException) { return "gone"; }
    }
}
