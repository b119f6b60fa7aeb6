using System.Diagnostics;

namespace LabRunner.Bench;

/// <summary>Runs a program to its end and measures it: wall time, and with /usr/bin/time its peak memory (VmHWM of it and what it waited for).</summary>
public static class Run
{
    public static string RepoRoot { get; } = FindRepoRoot();
    /// <summary>The published app (ReadyToRun, as in the tool), made by bench/run.</summary>
    public static string App => Path.Combine(RepoRoot, "bench", "out", "app", "labrunner");
    public static string Lab(string name) => Path.Combine(RepoRoot, "bench", "labs", name);

    /// <summary>Elapsed milliseconds; throws when the program fails.</summary>
    public static async Task<double> TimedAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null, string? cwd = null,
        int[]? okExitCodes = null)
    {
        var psi = Start(file, args, env, cwd);
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        var elapsed = clock.Elapsed.TotalMilliseconds;
        if (!(okExitCodes ?? [0]).Contains(p.ExitCode)) throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {p.ExitCode}:\n{await output}{await errors}");
        return elapsed;
    }

    /// <summary>Peak resident memory in MB, measured by GNU time around the program.</summary>
    public static async Task<double> PeakMegabytesAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        const string time = "/usr/bin/time";
        if (!File.Exists(time)) throw new InvalidOperationException("the memory benchmark needs GNU time: apt-get install -y time");
        var report = Path.GetTempFileName();
        try
        {
            await TimedAsync(time, ["-f", "%M", "-o", report, file, .. args], env);
            return double.Parse(File.ReadAllLines(report).Last(l => l.Trim().Length > 0)) / 1024.0;
        }
        finally
        {
            File.Delete(report);
        }
    }

    private static ProcessStartInfo Start(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env, string? cwd)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = cwd ?? RepoRoot };
        foreach (var a in args) psi.ArgumentList.Add(a);
        // A PGHOST in the caller's environment would send labrunner to that server instead of its sandbox.
        foreach (var pg in new[] { "PGHOST", "PGPORT", "PGDATABASE", "PGUSER", "PGHOSTADDR", "PGSERVICE" }) psi.Environment.Remove(pg);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        return psi;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LabRunner.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LabRunner.sln not found above " + AppContext.BaseDirectory);
    }
}
