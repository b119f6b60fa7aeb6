using System.Diagnostics;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The janitor's branches, on planted folders and stand-in processes (no server needed): a half-made folder, an owner
/// whose pid was reused, and a postmaster that does not stop when asked.
/// </summary>
public sealed class SandboxJanitorTests : IDisposable
{
    private readonly string _root = Path.Combine(TestPaths.SandboxRoot, "janitor-" + Guid.NewGuid().ToString("N")[..8]);

    public SandboxJanitorTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Folder(string name)
    {
        var dir = Path.Combine(_root, "sandbox-" + name);
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>A process's start time in clock ticks (/proc/PID/stat field 22), as the owner file records it.</summary>
    private static string StartTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[19];
    }

    [Fact]
    public void A_half_made_folder_is_left_alone_while_new_and_abandoned_once_old()
    {
        var half = Folder("half"); // crashed before the owner file was written

        Assert.False(SandboxLease.IsAbandoned(half, DateTime.UtcNow));
        Assert.Equal(LeftoverState.InUse, Assert.Single(SandboxJanitor.Leftovers(_root)).State);
        Assert.True(SandboxLease.IsAbandoned(half, DateTime.UtcNow.AddMinutes(2)));
    }

    [Fact]
    public async Task An_owner_whose_pid_was_reused_counts_as_gone_and_the_process_with_that_pid_is_not_touched()
    {
        using var stranger = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            var reused = Folder("reused");
            await File.WriteAllTextAsync(Path.Combine(reused, SandboxLease.FileName), $"{stranger.Id} 1\n"); // same pid, other start time
            var mine = Folder("mine");
            await File.WriteAllTextAsync(Path.Combine(mine, SandboxLease.FileName), $"{Environment.ProcessId} {StartTicks(Environment.ProcessId)}\n");

            var states = SandboxJanitor.Leftovers(_root).ToDictionary(l => Path.GetFileName(l.Directory), l => l.State);
            Assert.Equal(LeftoverState.Abandoned, states["sandbox-reused"]);
            Assert.Equal(LeftoverState.InUse, states["sandbox-mine"]);

            await SandboxJanitor.CleanAbandonedAsync(_root, CancellationToken.None);

            Assert.False(Directory.Exists(reused));
            Assert.True(Directory.Exists(mine));
            Assert.False(stranger.HasExited);
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task A_postmaster_that_does_not_stop_when_asked_is_killed()
    {
        // A stand-in postmaster: a process named postgres, running in the leftover's data directory, ignoring SIGQUIT
        // (an ignored signal stays ignored across exec).
        var leftover = Folder("stuck");
        var data = Path.Combine(leftover, "data");
        Directory.CreateDirectory(data);
        var fake = Path.Combine(_root, "postgres");
        File.Copy("/bin/sleep", fake);
        var psi = new ProcessStartInfo("sh", ["-c", $"trap '' QUIT; exec '{fake}' 300"]) { UseShellExecute = false, WorkingDirectory = data };
        using var stuck = Process.Start(psi)!;
        try
        {
            Assert.True(await HostProcesses.EventuallyAsync(() => SandboxJanitor.IsPostmasterOf(stuck.Id, data), TimeSpan.FromSeconds(10)));
            await File.WriteAllTextAsync(Path.Combine(data, "postmaster.pid"), $"{stuck.Id}\n{data}\n");
            await File.WriteAllTextAsync(Path.Combine(leftover, SandboxLease.FileName), "999999999 0\n"); // its LabRunner is gone

            await SandboxJanitor.CleanAbandonedAsync(_root, CancellationToken.None);

            Assert.True(stuck.WaitForExit(TimeSpan.FromSeconds(10)), "the stuck postmaster survived");
            Assert.False(Directory.Exists(leftover));
        }
        finally
        {
            if (!stuck.HasExited) stuck.Kill();
        }
    }
}
