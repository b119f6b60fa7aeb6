using System.Diagnostics;
using System.Text.RegularExpressions;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>kill -9 of `labrunner check` while three servers run: nothing of the sandbox survives, and the next start removes its folder.</summary>
public sealed class CheckKillTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-kill-").FullName;
    private readonly string _root = Path.Combine(TestPaths.SandboxRoot, "check-kill");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Kill_9_of_check_with_three_servers_leaves_no_postgres()
    {
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, """
            id: tres-servidores
            title: Tres servidores
            server:
              servers: [replica, tercero]
            tasks:
              - id: t
                title: Tarea 1.
                steps:
                  - id: esperar
                    title: Paso 1.
                    shell: sleep 300
            """);
        var child = Process.Start(new ProcessStartInfo("dotnet", [TestPaths.LabrunnerDll, "check", lab, "--allow-shell", "--sandbox-root", _root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            string? line;
            do line = await child.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
            while (line is not null && !line.Contains("Checking", StringComparison.Ordinal));
            Assert.NotNull(line);
            var sandbox = Assert.Single(Directory.GetDirectories(_root, "sandbox-*"));
            var holder = int.Parse(Regex.Match(File.ReadAllText(Path.Combine(sandbox, "holder.json")), @"""child-pid"": (\d+)").Groups[1].Value);
            var ns = HostProcesses.PidNamespace(holder)!;
            Assert.True(await HostProcesses.EventuallyAsync(() => Postmasters(ns) == 3 && HostProcesses.Matching("sleep 300").Count > 0, TimeSpan.FromSeconds(30)),
                $"expected 3 postmasters and the step running, saw {Postmasters(ns)}");

            child.Kill(); // SIGKILL
            await child.WaitForExitAsync();

            Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(ns).Count == 0, TimeSpan.FromSeconds(10)),
                "left: " + string.Join("; ", HostProcesses.InNamespace(ns).Select(HostProcesses.CommandLine)));
            await using (await Sandbox.StartAsync(new SandboxOptions { RootDirectory = _root }, CancellationToken.None)) { }
            Assert.False(Directory.Exists(sandbox));
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }

    private static int Postmasters(string ns) =>
        HostProcesses.InNamespace(ns).Count(p => HostProcesses.CommandLine(p).StartsWith("/usr/lib/postgresql/", StringComparison.Ordinal));
}
