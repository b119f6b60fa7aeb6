using System.Diagnostics;
using LabRunner.Postgres;

namespace LabRunner.Setup;

/// <summary>The result of running an install plan: the command that failed, if any, and the end of what it printed.</summary>
public sealed record InstallOutcome(bool Succeeded, string? FailedCommand, int ExitCode, IReadOnlyList<string> Tail);

/// <summary>Runs an install plan's commands one after the other, unattended (no terminal input), every output line to a callback.</summary>
public static class Installer
{
    private const int TailLines = 12;

    public static async Task<InstallOutcome> RunAsync(InstallPlan plan, HostSystem host, Action<string> onLine, CancellationToken ct)
    {
        var tail = new Queue<string>();
        void Line(string line)
        {
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > TailLines) tail.Dequeue();
            }
            onLine(line);
        }
        foreach (var command in plan.Commands)
        {
            onLine("$ " + string.Join(' ', command));
            var code = await RunOneAsync(command, host, Line, ct);
            if (code != 0)
            {
                lock (tail) return new InstallOutcome(false, string.Join(' ', command), code, tail.ToList());
            }
        }
        lock (tail) return new InstallOutcome(true, null, 0, tail.ToList());
    }

    private static async Task<int> RunOneAsync(IReadOnlyList<string> command, HostSystem host, Action<string> onLine, CancellationToken ct)
    {
        var psi = new ProcessStartInfo
        {
            FileName = host.Which(command[0]) ?? command[0],
        };
        foreach (var a in command.Skip(1)) psi.ArgumentList.Add(a);
        psi.Environment["PATH"] = string.Join(':', host.SearchPath);
        // apt asks no questions (debconf, needrestart) and prints no progress bars meant for a terminal.
        psi.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        psi.Environment["NEEDRESTART_MODE"] = "a";
        psi.Environment["HOMEBREW_NO_AUTO_UPDATE"] = "1";
        return await ProcessRunner.RunAsync(psi, onLine, ct);
    }
}
