using System.Diagnostics;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Grading;

/// <summary>Ctrl+C during `grade` keeps what was graded: the CSV has the students finished before it, exit 130.</summary>
[Collection(SandboxCollection.Name)]
public sealed class GradeInterruptTests(SandboxFixture fx) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-grade-int-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> Student(bool slow)
    {
        var db = await fx.CreateDatabaseAsync("student");
        await using var conn = await fx.OpenAsync(db);
        foreach (var sql in slow ? ["CREATE TABLE items AS SELECT generate_series(1, 3) AS n", "CREATE TABLE slow ()"] : new[] { "CREATE TABLE items AS SELECT generate_series(1, 3) AS n" })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return db;
    }

    [Fact]
    public async Task Ctrl_C_while_a_student_is_graded_writes_the_grades_of_those_already_done_and_exits_130()
    {
        var (ana, ben) = (await Student(slow: false), await Student(slow: true));
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, """
            id: interrupted
            title: Interrupted grading
            tasks:
              - id: t
                title: T
                steps:
                  - id: s
                    title: S
                    sql: SELECT 1;
                checks:
                  - id: rows
                    title: Three items (a student with a table "slow" makes it take a minute)
                    sql: SELECT (SELECT count(*) FROM items) AS n, pg_sleep(CASE WHEN to_regclass('slow') IS NULL THEN 0 ELSE 60 END)::text AS waited;
                    expect: { columns: [n, waited], rows: [["3", ""]] }
            """);
        var targets = Path.Combine(_dir, "targets.yaml");
        await File.WriteAllTextAsync(targets, $"""
            targets:
              - student: ana
                connection: "{fx.Sandbox.ConnectionString(ana).ConnectionString}"
              - student: ben
                connection: "{fx.Sandbox.ConnectionString(ben).ConnectionString}"
            """);
        var csv = Path.Combine(_dir, "grades.csv");
        using var child = Process.Start(new ProcessStartInfo("dotnet",
            [TestPaths.LabrunnerDll, "grade", lab, "--targets", targets, "--csv", csv, "--parallel", "1", "--statement-timeout", "300"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var stdout = child.StandardOutput.ReadToEndAsync();
        var stderr = child.StandardError.ReadToEndAsync();
        try
        {
            // One at a time: ben's check sleeping on the server means ana's grade is done.
            Assert.True(await HostProcesses.EventuallyAsync(() => Sleeping(ben), TimeSpan.FromSeconds(120)), "ben's check never started");

            using (var kill = Process.Start("kill", ["-s", "INT", child.Id.ToString()])) await kill.WaitForExitAsync();
            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

            Assert.True(child.ExitCode == ExitCodes.Interrupted, await stdout + await stderr);
            Assert.Contains("interrupted: wrote the grades of the 1 of 2 students graded so far", await stderr);
            var lines = await File.ReadAllLinesAsync(csv);
            Assert.Equal(2, lines.Length);
            Assert.StartsWith("ana,1,1,", lines[1]);
            Assert.True(await HostProcesses.EventuallyAsync(() => !Sleeping(ben), TimeSpan.FromSeconds(30)), "ben's check still runs on the server");
        }
        finally
        {
            if (!child.HasExited) child.Kill(entireProcessTree: true);
        }
    }

    private bool Sleeping(string database)
    {
        using var conn = fx.OpenAsync("postgres").GetAwaiter().GetResult();
        using var cmd = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND query LIKE '%pg_sleep%' AND state = 'active'", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = database });
        return (long)cmd.ExecuteScalar()! > 0;
    }
}
