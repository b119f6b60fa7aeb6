using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>
/// `labrunner check LAB --repeat N`. A step made flaky on purpose, deterministically: on a named server (--connection) the
/// runs share the database, and the step's answer flips with a row every run adds.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class CheckRepeatTests(SandboxFixture fx) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-repeat-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Repeat_3_flags_the_flaky_step_with_each_runs_output_and_not_the_steady_ones()
    {
        var db = await fx.CreateDatabaseAsync("repeat");
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, """
            id: flaky
            title: Flaky on purpose
            tasks:
              - id: t
                title: T
                steps:
                  - id: add
                    title: Add a row
                    sql: CREATE TABLE IF NOT EXISTS flips (n int); INSERT INTO flips VALUES (1);
                  - id: odd
                    title: Odd number of rows
                    sql: SELECT count(*) % 2 AS odd FROM flips;
                    expect:
                      columns: [odd]
                      rows: [["1"]]
                  - id: steady
                    title: Always the same
                    sql: SELECT 1 AS one;
                    expect:
                      columns: [one]
                      rows: [["1"]]
            """);
        var connection = $"host={fx.Sandbox.SocketDirectory} port={fx.Sandbox.Port} user=postgres dbname={db}";
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["check", lab, "--connection", connection, "--repeat", "3"], stdout, stderr);

        var output = stdout.ToString();
        Assert.True(code == ExitCodes.ChecksFailed, output + stderr);
        var lines = output.TrimEnd().Split('\n');
        Assert.Equal("flaky: t/odd: run 1 passed, run 2 failed, run 3 passed", lines[0]);
        Assert.Matches(@"^  run 1\s+│ run 2\s+│ run 3$", lines[1]);
        Assert.Matches(@"^   odd\s+│  odd\s+│  odd$", lines[2]);
        Assert.Matches(@"^     1\s+│    0\s+│    1$", lines[4]);
        Assert.DoesNotContain("t/steady", output);
        Assert.DoesNotContain("t/add", output);
        Assert.Equal("3 runs: 1 flaky step", lines[^1]);
    }
}
