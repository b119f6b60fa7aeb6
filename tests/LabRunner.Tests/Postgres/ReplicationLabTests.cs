using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The course's replication labs (as YAML, commands verbatim) pass `labrunner check --allow-shell` on a fresh sandbox:
/// Debian's cluster tools, sudo, service, vi config edits and psql -p 5433 all work on the sandbox's servers.
/// </summary>
public sealed class ReplicationLabTests
{
    private static string Lab(string name) => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Postgres", "labs", name);

    private static async Task<(int Code, string Out, string Err)> CheckAsync(string lab)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", lab, "--allow-shell", "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Streaming_replication_from_pg_basebackup_R_to_a_standby_made_with_pg_createcluster()
    {
        var (code, output, errors) = await CheckAsync(Lab("replicacion-streaming.yaml"));

        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.EndsWith("9 passed, 0 failed, 4 ran", output.TrimEnd()); // the server steps ran: nothing to compare
    }

    [Fact]
    public async Task Logical_replication_from_main_to_a_second_cluster()
    {
        var (code, output, errors) = await CheckAsync(Lab("replicacion-logica.yaml"));

        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.EndsWith("7 passed, 0 failed, 3 ran", output.TrimEnd()); // the server steps ran: nothing to compare
    }
}
