using System.Diagnostics;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// Where bubblewrap cannot run, SQL labs still run on a plain sandbox, and shell steps are refused in one line saying
/// why and how to allow them; they never run unconfined silently. (A child process: LABRUNNER_BWRAP names a bwrap
/// that does not exist, as on a machine without the package.)
/// </summary>
public sealed class NoBubblewrapTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-nobwrap-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Out, string Err)> CheckAsync(string lab, params string[] extra)
    {
        var path = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(path, lab);
        var psi = new ProcessStartInfo("dotnet", [TestPaths.LabrunnerDll, "check", path, "--sandbox-root", Path.Combine(TestPaths.SandboxRoot, "nobwrap"), .. extra])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["LABRUNNER_BWRAP"] = "/nonexistent/bwrap";
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEndAsync();
        var errors = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return (p.ExitCode, await output, await errors);
    }

    private const string ShellLab = """
        id: sin-bwrap
        title: Sin bubblewrap
        tasks:
          - id: t
            title: Tarea 1.
            steps:
              - id: sql
                title: Paso 1.
                sql: SELECT 1 AS uno;
              - id: shell
                title: Paso 2.
                shell: touch marker-from-the-host
        """;

    [Fact]
    public async Task Shell_steps_are_refused_in_one_line_naming_the_way_to_allow_them()
    {
        var (code, output, errors) = await CheckAsync(ShellLab, "--allow-shell");

        Assert.Equal(2, code);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("--unconfined-shell", StringComparison.Ordinal));
        Assert.Contains("bubblewrap", line);
        Assert.DoesNotContain("passed", output);
    }

    [Fact]
    public async Task With_unconfined_shell_they_run_and_sql_labs_need_nothing()
    {
        var (code, output, errors) = await CheckAsync(ShellLab, "--allow-shell", "--unconfined-shell");

        Assert.True(code == 0, output + errors);
        Assert.EndsWith("0 passed, 0 failed, 2 ran", output.TrimEnd()); // both ran (nothing expected of them)
    }
}
