using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>`labrunner check LAB --prove` on a real sandbox: a check that cannot fail is flagged, a good one is proven.</summary>
[Collection(SandboxCollection.Name)]
public sealed class CheckProveTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-prove-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Prove_flags_a_check_that_cannot_fail_and_a_panel_an_empty_result_meets_and_proves_a_good_check()
    {
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, """
            id: prove
            title: Checks that check
            tasks:
              - id: t
                title: T
                steps:
                  - id: make
                    title: Make three rows
                    sql: CREATE TABLE items (n int); INSERT INTO items SELECT generate_series(1, 3);
                  - id: none-big
                    title: No big item (an empty result meets this panel)
                    sql: SELECT n FROM items WHERE n > 10;
                    expect:
                      panel: |2
                         n
                        ---
                        (0 rows)
                checks:
                  - id: three-items
                    title: Three items
                    sql: SELECT count(*) AS items FROM pg_tables WHERE schemaname = 'public' AND tablename = 'items';
                    expect:
                      columns: [items]
                      rows: [["1"]]
                  - id: always
                    title: Checks nothing
                    sql: SELECT 1 AS one;
                    expect:
                      columns: [one]
                      rows: [["1"]]
            """);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["check", lab, "--prove", "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);

        var output = stdout.ToString();
        Assert.True(code == ExitCodes.ChecksFailed, output + stderr);
        Assert.Equal([
            "proven: t/three-items fails before the task's steps and passes after them",
            "cannot fail: t/always passes before the task's steps: it checks nothing the student does",
            "empty result passes: t/none-big: its expected result is met by a query that finds no row",
            "1 checks proven, 1 cannot fail, 0 do not pass, 1 met by an empty result",
        ], output.TrimEnd().Split('\n'));
    }

    [Fact]
    public async Task Prove_with_task_proves_that_task_from_the_state_the_tasks_before_it_leave()
    {
        var lab = Path.Combine(_dir, "two.yaml");
        await File.WriteAllTextAsync(lab, """
            id: prove-two
            title: Two tasks
            tasks:
              - id: first
                title: First
                steps:
                  - id: make
                    title: Make the table
                    sql: CREATE TABLE items (n int);
                checks:
                  - id: always
                    title: Checks nothing
                    sql: SELECT 1 AS one;
                    expect: { columns: [one], rows: [["1"]] }
              - id: second
                title: Second
                steps:
                  - id: fill
                    title: Fill it (needs the first task's table)
                    sql: INSERT INTO items SELECT generate_series(1, 3);
                checks:
                  - id: three
                    title: Three rows
                    sql: SELECT count(*) AS n FROM items;
                    expect: { columns: [n], rows: [["3"]] }
            """);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["check", lab, "--prove", "--task", "second", "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);

        // Only the second task's check is judged (first/always would be "cannot fail"), and it is proven: its table exists.
        var output = stdout.ToString();
        Assert.True(code == ExitCodes.Ok, output + stderr);
        Assert.Equal([
            "proven: second/three fails before the task's steps and passes after them",
            "1 checks proven, 0 cannot fail, 0 do not pass, 0 met by an empty result",
        ], output.TrimEnd().Split('\n'));
    }
}
