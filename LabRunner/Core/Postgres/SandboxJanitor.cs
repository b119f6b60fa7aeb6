using System.Globalization;
using System.Text.RegularExpressions;
using LabRunner.Postgres.Confinement;

namespace LabRunner.Postgres;

/// <summary>
/// Removes sandboxes: abandoned ones (their LabRunner died) at the next start, kept ones on `labrunner sandbox --clean`.
/// A confined sandbox's processes die with its namespace holder, so there is at most the holder to kill (after checking
/// the pid still is that holder). A plain sandbox's postmaster is killed only once /proc shows it is a postgres
/// process running in that very data directory: a leftover folder could name any pid in its postmaster.pid.
/// </summary>
public static partial class SandboxJanitor
{
    public static async Task CleanAbandonedAsync(string root, CancellationToken ct)
    {
        foreach (var leftover in Leftovers(root).Where(l => l.State == LeftoverState.Abandoned))
        {
            ct.ThrowIfCancellationRequested();
            await RemoveAsync(leftover.Directory);
        }
    }

    /// <summary>Every sandbox folder under the root, and whether it is in use, kept, or abandoned.</summary>
    public static IReadOnlyList<Leftover> Leftovers(string root)
    {
        if (!Directory.Exists(root)) return [];
        return Directory.GetDirectories(root, SandboxFolder.Prefix + "*").Order(StringComparer.Ordinal)
            .Select(d => new Leftover(d,
                File.Exists(Path.Combine(d, SandboxLease.KeepFileName)) ? LeftoverState.Kept
                : SandboxLease.IsAbandoned(d) ? LeftoverState.Abandoned : LeftoverState.InUse))
            .ToList();
    }

    /// <summary>Kills what still runs of the sandbox (only what is provably its own) and deletes its folder. Never throws.</summary>
    public static async Task RemoveAsync(string directory)
    {
        try
        {
            var holder = Path.Combine(directory, "holder.json");
            if (File.Exists(holder) && HolderLine().Match(await File.ReadAllTextAsync(holder)) is { Success: true } m
                && int.TryParse(m.Groups["pid"].Value, CultureInfo.InvariantCulture, out var pid)
                && NamespaceHolder.IsHolder(pid, m.Groups["net"].Value))
                Posix.Kill(pid, 9); // pid 1 of the sandbox's pid namespace: the kernel kills the rest
            var plainData = Path.Combine(directory, "data");
            if (PostmasterPid(plainData) is { } postmaster && IsPostmasterOf(postmaster, plainData))
            {
                Posix.Kill(postmaster, 3); // SIGQUIT: immediate shutdown, the children go with it
                for (var i = 0; i < 200 && IsPostmasterOf(postmaster, plainData); i++) await Task.Delay(25);
                if (IsPostmasterOf(postmaster, plainData)) Posix.Kill(postmaster, 9);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        await SandboxFolder.RemoveAsync(directory);
    }

    private static int? PostmasterPid(string dataDirectory)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, CultureInfo.InvariantCulture, out var pid) && pid > 1 ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    /// <summary>True when <paramref name="pid"/> is a live postgres process whose working directory is that data directory (a postmaster runs in its own).</summary>
    internal static bool IsPostmasterOf(int pid, string dataDirectory)
    {
        try
        {
            if (File.ReadAllText($"/proc/{pid}/comm").Trim() != "postgres") return false;
            if (SandboxLease.IsZombie(pid)) return false;
            var cwd = new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget;
            var data = new DirectoryInfo(dataDirectory);
            var real = data.LinkTarget is null ? data.FullName : data.ResolveLinkTarget(true)!.FullName;
            return cwd is not null && cwd == real;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    [GeneratedRegex("\"child-pid\"\\s*:\\s*(?<pid>\\d+).*\"net-namespace\"\\s*:\\s*(?<net>\\d+)", RegexOptions.Singleline)]
    private static partial Regex HolderLine();
}

public enum LeftoverState { InUse, Kept, Abandoned }

/// <summary>A sandbox folder found under the sandbox root.</summary>
public sealed record Leftover(string Directory, LeftoverState State);
