using System.Diagnostics;

namespace LabRunner.Tests.Support;

/// <summary>What runs on the host, read from /proc (tests of cleanup and confinement).</summary>
public static class HostProcesses
{
    /// <summary>The pid namespace of a process ("pid:[4026532...]"), or null when it is gone.</summary>
    public static string? PidNamespace(int pid)
    {
        try { return new FileInfo($"/proc/{pid}/ns/pid").LinkTarget; }
        catch (IOException) { return null; }
    }

    /// <summary>Live (not zombie) processes in a pid namespace.</summary>
    public static List<int> InNamespace(string pidNamespace) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && PidNamespace(pid) == pidNamespace && !IsZombie(pid))
            .ToList();

    /// <summary>Command lines of live processes whose command line contains <paramref name="text"/>.</summary>
    public static List<string> Matching(string text) =>
        Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0 && !IsZombie(pid))
            .Select(CommandLine)
            .Where(c => c.Contains(text, StringComparison.Ordinal))
            .ToList();

    public static string CommandLine(int pid)
    {
        try { return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim(); }
        catch (IOException) { return ""; }
    }

    /// <summary>A process and all its descendants (by the parent pid in /proc/PID/stat).</summary>
    public static List<int> WithDescendants(int root)
    {
        var parents = Directory.GetDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToList();
        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++) found.AddRange(parents.Where(p => p.Parent == found[i]).Select(p => p.Pid));
        return found;
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return int.TryParse(fields[1], out var parent) ? parent : 0;
        }
        catch (IOException) { return 0; }
    }

    public static bool IsAlive(int pid) => File.Exists($"/proc/{pid}/stat") && !IsZombie(pid);

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException) { return true; }
    }

    /// <summary>Polls until the condition holds or the deadline passes; returns whether it held.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > within) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Runs a program, returns (exit code, stdout+stderr).</summary>
    public static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        return (p.ExitCode, await output + await errors);
    }
}
