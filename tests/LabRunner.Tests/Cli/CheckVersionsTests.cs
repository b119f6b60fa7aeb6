using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>`labrunner check LAB --versions` on real PostgreSQL 14 (fetched) and 15 (Debian's).</summary>
public sealed class CheckVersionsTests
{
    private static readonly string Lab = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Cli", "labs", "versions-advice.yaml");

    private static async Task<(int Code, string Out, string Err)> CheckAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", Lab, .. args, "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Versions_shows_each_steps_verdict_by_version_and_which_need_a_variant_or_have_a_wrong_one()
    {
        var pg14 = await OtherVersions.RequireAsync(14);

        var (code, output, errors) = await CheckAsync("--versions", "14,15");

        var why = output + errors;
        Assert.True(code == ExitCodes.ChecksFailed, why);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^STEP\s+14\.\d+\s+15\.\d+$", lines[0]);
        Assert.Matches(@"^backup/start\s+passed\s+failed$", lines[1]);
        Assert.Matches(@"^backup/stop\s+passed\s+failed\*$", lines[2]);
        Assert.Matches(@"^backup/same-everywhere\s+passed\s+passed$", lines[3]);
        Assert.Equal("(* a version variant ran)", lines[4]);
        Assert.StartsWith("needs a variant: backup/start fails on 15 with its own command (passes on 14): the step failed: ERROR 42883", lines[5]);
        Assert.StartsWith("wrong variant: backup/stop: the variant for >=15 fails on 15: the step failed: ERROR 42883: function pg_backup_stopp() does not exist", lines[6]);
        Assert.Equal("4 passed, 2 failed (on PostgreSQL 14, 15)", lines[^1]);
        Assert.Contains($"Checking versions-advice on PostgreSQL {pg14.Version}", errors);
    }

    [Fact]
    public async Task A_version_that_cannot_be_found_is_named_with_how_to_get_it_and_exits_2()
    {
        var (code, output, errors) = await CheckAsync("--versions", "15,99");

        Assert.True(code == ExitCodes.UsageOrEnvironment, output + errors);
        Assert.Contains("PostgreSQL 99: not found; get it with `.ci/fetch-postgres 99`", errors);
        Assert.Matches(@"(?m)^backup/same-everywhere\s+passed$", output);
    }
}
