using System.Diagnostics;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>Ctrl+C, SIGTERM and SIGHUP (the terminal closing) end a LabRunner with its sandbox: no server left, no folder left.</summary>
public sealed class SignalCleanupTests
{
    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    [InlineData("HUP")]
    public async Task A_signal_removes_the_sandbox_and_ends_its_servers(string signal)
    {
        var root = Path.Combine(TestPaths.SandboxRoot, "signal-" + signal.ToLowerInvariant() + "-" + Guid.NewGuid().ToString("N")[..6]);
        using var child = Process.Start(new ProcessStartInfo("dotnet", [TestPaths.LabrunnerDll, "sandbox", "--sandbox-root", root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            string? ready;
            do ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
            while (ready is not null && !ready.Contains("sandbox ready"));
            Assert.NotNull(ready);
            var sandbox = ready![(ready.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
            Assert.True(Directory.Exists(sandbox));
            var servers = HostProcesses.Matching(sandbox);

            using (var kill = Process.Start("kill", ["-s", signal, child.Id.ToString()])) await kill.WaitForExitAsync();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(0, child.ExitCode); // `sandbox` ends normally on a signal: that is its way to stop
            Assert.False(Directory.Exists(sandbox), $"the sandbox folder survived SIG{signal}");
            Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.Matching(sandbox).Count == 0, TimeSpan.FromSeconds(10)),
                "processes left: " + string.Join("; ", HostProcesses.Matching(sandbox)) + $" (were: {string.Join("; ", servers)})");
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
            if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
        }
    }
}
