using LabRunner.Cli;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Setup;

/// <summary>`labrunner check` on a machine without PostgreSQL (a fake one): the one-line hint, or --install-missing.</summary>
[Collection(SandboxCollection.Name)]
public sealed class InstallMissingCliTests : IDisposable
{
    private readonly FakeMachine _machine = new();
    private readonly string _lab;

    public InstallMissingCliTests()
    {
        _lab = Path.Combine(_machine.Root, "tiny.md");
        File.WriteAllText(_lab, """
            # Tiny

            ## Task 1. One

            Step 1. Select one:

            ```sql
            SELECT 1;
            ```

            Expected result:

            ```
             ?column?
            ----------
                    1
            (1 row)
            ```
            """);
    }

    public void Dispose() => _machine.Dispose();

    private async Task<(int Code, string Out, string Err)> Check(bool root, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", _lab, .. args, "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr, _machine.Host(root));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Without_install_missing_check_stops_with_one_line_naming_the_command()
    {
        _machine.WithProgram("apt-get");

        var (code, output, errors) = await Check(root: true);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Equal("", output);
        Assert.Equal("labrunner: PostgreSQL (initdb, pg_ctl) is not installed: install it with `apt-get install -y postgresql`, " +
            "or run again with --install-missing (or point LabRunner at installed binaries with --pg-bin DIR, or use an existing server " +
            "with --connection).\n", errors);
        Assert.Empty(_machine.Calls);
    }

    [Fact]
    public async Task With_install_missing_check_installs_postgresql_and_the_lab_passes()
    {
        await TestSoftware.RequirePostgresAsync();
        var real = await PgBinaries.FindAsync(null, default);
        _machine.WithAptGetLinking(real.BinDirectory, real.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var (code, output, errors) = await Check(root: true, "--install-missing");

        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.Equal(["apt-get install -y postgresql"], _machine.Calls);
        Assert.StartsWith("installing PostgreSQL (initdb, pg_ctl): apt-get install -y postgresql\n$ apt-get install -y postgresql\n", errors);
        Assert.Contains("installed PostgreSQL (initdb, pg_ctl)\n", errors);
        Assert.EndsWith("1 passed, 0 failed", output.TrimEnd());
    }

    [Fact]
    public async Task A_missing_declared_tool_is_named_only_when_shell_steps_will_run()
    {
        _machine.WithProgram("apt-get");
        await File.WriteAllTextAsync(_lab, (await File.ReadAllTextAsync(TestLabs.Seed)).Replace("tools: [rsync]", "tools: [rsync, surely-not-a-tool-xyz]"));
        File.Move(_lab, Path.ChangeExtension(_lab, ".yaml"));
        var lab = Path.ChangeExtension(_lab, ".yaml");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["check", lab, "--allow-shell", "--connection", "host=/nonexistent dbname=x"], stdout, stderr, _machine.Host(root: true));

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Equal("labrunner: rsync and surely-not-a-tool-xyz are not installed: install them with `apt-get install -y rsync surely-not-a-tool-xyz`, " +
            "or run again with --install-missing.\n", stderr.ToString());
    }
}
