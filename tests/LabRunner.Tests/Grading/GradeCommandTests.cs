using LabRunner.Cli;
using LabRunner.Tests.Support;
using Npgsql;
using LabRunner.Tests.Cli;

namespace LabRunner.Tests.Grading;

/// <summary>`labrunner grade` with three sandbox databases standing in for students: right, wrong, unreachable.</summary>
[Collection(SandboxCollection.Name)]
public sealed class GradeCommandTests(SandboxFixture fx) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-grade-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> StudentDatabase(int rows)
    {
        var db = await fx.CreateDatabaseAsync("student");
        await using var conn = await fx.OpenAsync(db);
        await using var cmd = new NpgsqlCommand($"CREATE TABLE test_autovacuum AS SELECT g AS id FROM generate_series(1, {rows}) g", conn);
        await cmd.ExecuteNonQueryAsync();
        return db;
    }

    private async Task<bool> TableExists(string db, string table)
    {
        await using var conn = await fx.OpenAsync(db);
        await using var cmd = new NpgsqlCommand($"SELECT to_regclass('{table}') IS NOT NULL", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Grade_reports_each_student_read_only_and_an_unreachable_one_does_not_stop_the_others()
    {
        var alice = await StudentDatabase(666667);
        var bob = await StudentDatabase(10);
        var targets = Path.Combine(_dir, "targets.yaml");
        await File.WriteAllTextAsync(targets, $"""
            targets:
              - student: alice
                connection: "{fx.Sandbox.ConnectionString(alice).ConnectionString}"
              - student: bob
                connection: "{fx.Sandbox.ConnectionString(bob).ConnectionString}"
              - student: carol
                connection: "host={Path.Combine(_dir, "no-such-socket-dir")} port=5432 dbname=curso user=postgres"
            """);
        var csv = Path.Combine(_dir, "grades.csv");
        var junit = Path.Combine(_dir, "grades.xml");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["grade", TestLabs.Grading, "--targets", targets, "--csv", csv, "--report", $"junit:{junit}"], stdout, stderr);

        Assert.True(code == ExitCodes.ChecksFailed, stdout.ToString() + stderr);
        var lines = (await File.ReadAllLinesAsync(csv)).ToList();
        Assert.Equal("student,points,max_points,rows/rows-left,sneaky/writes,error", lines[0]);
        Assert.Equal(("alice,2,3,2,0,", "bob,0,3,0,0,"), (lines[1], lines[2]));
        Assert.StartsWith("carol,0,3,0,0,Cannot connect", lines[3]);
        Assert.Equal(4, lines.Count);
        // The check that writes is refused before it is sent, with the reason.
        Assert.True(stdout.ToString().Contains("alice    sneaky  error       0/1  writes: could not run the step: refused: grading only reads, and line 1: CREATE TABLE changes the database",
            StringComparison.Ordinal), stdout.ToString());
        Assert.False(await TableExists(alice, "sneaky"));
        Assert.Contains("carol", stderr.ToString());
        Assert.Contains("graded 3/3 · 2 not full marks · 1 unreachable", stderr.ToString());
        var doc = ReportFiles.ValidJUnit(junit);
        Assert.Contains("alice.grading.rows", doc.Descendants("testsuite").Select(s => s.Attribute("name")!.Value));
        Assert.NotNull(doc.Descendants("testsuite").First(s => s.Attribute("name")!.Value == "carol.grading.rows").Descendants("error").FirstOrDefault());
        Assert.EndsWith("1 passed, 5 failed", stdout.ToString().TrimEnd());
    }

    [Fact]
    public async Task A_CSV_targets_file_works_too()
    {
        var alice = await StudentDatabase(666667);
        var targets = Path.Combine(_dir, "targets.csv");
        await File.WriteAllTextAsync(targets, $"student,connection\nalice,\"{fx.Sandbox.ConnectionString(alice).ConnectionString}\"\n");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["grade", TestLabs.Grading, "--targets", targets, "--task", "rows"], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, stdout.ToString() + stderr);
        Assert.Contains("alice", stdout.ToString());
        Assert.EndsWith("1 passed, 0 failed", stdout.ToString().TrimEnd());
    }
}
