using LabRunner.Cli;
using LabRunner.Tests.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Security;

/// <summary>Faults of the environment, not of the lab or the student: said as psql says them, and exit 2.</summary>
public sealed class FaultTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Security", "attacks", "input");
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-fault-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task When_the_server_dies_mid_step_check_says_so_as_psql_does_and_exits_2()
    {
        var root = Path.Combine(_dir, "sandboxes"); // this test's own: the server it kills is the only one there
        File.SetUnixFileMode(_dir, (UnixFileMode)0b111_101_101); // the servers' OS user must pass through to its folder
        var json = Path.Combine(_dir, "report.json");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var check = CliApp.RunAsync(["check", Path.Combine(Corpus, "server-dies", "lab.yaml"), "--sandbox-root", root, "--report", $"json:{json}"], stdout, stderr);

        var sandbox = await WaitForSandboxAsync(root, check);
        var backend = await ServerProcesses.WaitForBackendAsync(sandbox, "SELECT", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        ServerProcesses.Kill(ServerProcesses.Postmaster(sandbox) ?? throw new InvalidOperationException("no postmaster in " + sandbox));
        ServerProcesses.Kill(backend);
        var code = await check.WaitAsync(TimeSpan.FromSeconds(90));

        Assert.True(code == ExitCodes.UsageOrEnvironment, stdout.ToString() + stderr);
        Assert.EndsWith("labrunner: t1/sleep: the server closed the connection unexpectedly\n", stderr.ToString());
        var sleep = ReportFiles.Json(json).Steps.Single(s => s.Step == "sleep");
        Assert.Equal(("error", "the server closed the connection unexpectedly"), (sleep.Status, sleep.Message));
        Assert.Equal("server closed the connection unexpectedly\n\tThis probably means the server terminated abnormally\n" +
            "\tbefore or while processing the request.\nThe connection to the server was lost. Attempting reset: Failed.\n", sleep.Actual);
        Assert.DoesNotContain("Exception while", stdout.ToString());
        Assert.Empty(Directory.GetDirectories(root, "sandbox-*")); // removed all the same
    }

    private static async Task<string> WaitForSandboxAsync(string root, Task<int> running)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline && !running.IsCompleted)
        {
            if (Directory.Exists(root) && Directory.GetDirectories(root, "sandbox-*").FirstOrDefault() is { } dir
                && ServerProcesses.Postmaster(dir) is not null)
                return dir;
            await Task.Delay(50);
        }
        throw new TimeoutException($"the sandbox did not start (check ended: {running.IsCompleted})");
    }
}
