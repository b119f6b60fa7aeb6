using System.Diagnostics;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The sandbox is its user's alone: other local users cannot reach its socket, its root folder cannot be planted or
/// redirected, and the janitor kills only what provably is a leftover postmaster of that very folder.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SandboxAccessTests(SandboxFixture fx)
{
    [Fact]
    public async Task Another_local_user_cannot_connect_to_the_sandbox()
    {
        Assert.True(Environment.IsPrivilegedProcess, "this test switches to the user nobody: run the suite as root (as CI does)");
        var socket = fx.Sandbox.SocketDirectory;

        var (code, output) = await HostProcesses.RunAsync("runuser", "-u", "nobody", "--", "psql", "-X", "-h", socket, "-p",
            fx.Sandbox.Port.ToString(), "-U", "postgres", "-d", "postgres", "-c", "COPY (SELECT 1) TO PROGRAM 'id'");

        Assert.NotEqual(0, code);
        Assert.Contains("Permission denied", output);
        // And no rule lets every local user in: Debian's peer rules only.
        var hba = File.ReadAllLines(fx.Sandbox.HostPath($"/etc/postgresql/{fx.Sandbox.MajorVersion}/main/pg_hba.conf"));
        Assert.DoesNotContain(hba, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*local\s+all\s+all\s+trust"));
    }

    [Fact]
    public async Task A_sandbox_root_too_long_for_the_servers_sockets_is_refused_in_one_line_before_anything_is_made()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, new string('x', 60));

        var error = await Assert.ThrowsAsync<UserErrorException>(() => Sandbox.StartAsync(new SandboxOptions { RootDirectory = root }, CancellationToken.None));

        Assert.Contains("too long for the servers' Unix sockets", error.Message);
        Assert.DoesNotContain("\n", error.Message);
        Assert.False(Directory.Exists(root));
    }

    [Fact]
    public async Task A_sandbox_root_that_is_a_symlink_is_refused_in_one_line()
    {
        var target = Directory.CreateTempSubdirectory("labrunner-elsewhere-").FullName;
        var root = Path.Combine(TestPaths.SandboxRoot, "link-" + Guid.NewGuid().ToString("N")[..8]);
        File.CreateSymbolicLink(root, target);
        try
        {
            var error = await Assert.ThrowsAsync<UserErrorException>(() => Sandbox.StartAsync(new SandboxOptions { RootDirectory = root }, CancellationToken.None));

            Assert.Contains("symbolic link", error.Message);
            Assert.DoesNotContain('\n', error.Message);
            Assert.Empty(Directory.GetFileSystemEntries(target));
        }
        finally
        {
            File.Delete(root);
            Directory.Delete(target, recursive: true);
        }
    }

    [Fact]
    public async Task A_sandbox_root_of_another_user_is_refused()
    {
        Assert.True(Environment.IsPrivilegedProcess, "this test gives a folder to the user nobody: run the suite as root (as CI does)");
        var root = Path.Combine(TestPaths.SandboxRoot, "planted-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        await HostProcesses.RunAsync("chown", "nobody", root);
        try
        {
            var error = await Assert.ThrowsAsync<UserErrorException>(() => Sandbox.StartAsync(new SandboxOptions { RootDirectory = root }, CancellationToken.None));

            Assert.Contains("belongs to another user", error.Message);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task The_janitor_does_not_kill_a_process_a_fake_leftover_names()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, "fake-" + Guid.NewGuid().ToString("N")[..8]);
        var fake = Path.Combine(root, "sandbox-planted");
        Directory.CreateDirectory(Path.Combine(fake, "data"));
        using var victim = Process.Start(new ProcessStartInfo("sleep", "300") { UseShellExecute = false })!;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(fake, "data", "postmaster.pid"), $"{victim.Id}\n{fake}/data\n");
            await File.WriteAllTextAsync(Path.Combine(fake, "labrunner.owner"), "999999999 0\n"); // an owner that is gone
            await File.WriteAllTextAsync(Path.Combine(fake, "holder.json"), $"{{\"child-pid\": {victim.Id}, \"net-namespace\": 1}}\n");

            await SandboxJanitor.CleanAbandonedAsync(root, CancellationToken.None);

            Assert.False(Directory.Exists(fake));
            Assert.False(victim.HasExited, "the janitor killed a process that is not the leftover's postmaster");
        }
        finally
        {
            victim.Kill();
            Directory.Delete(root, recursive: true);
        }
    }
}
