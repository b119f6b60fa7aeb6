using System.Diagnostics;
using LabRunner.Cli;
using LabRunner.Postgres;
using LabRunner.Tests.Cli;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Security;

/// <summary>
/// `grade` as a superuser against two students' databases with the attack corpus (attacks/grading): checks that write,
/// escape the read-only mode for later checks, persist server settings, run programs, or read another student's database.
/// Both databases (as pg_dump sees them) and postgresql.auto.conf must be byte-identical afterwards, and no program may run.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class GradingAttackTests(SandboxFixture fx) : IDisposable
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Security", "attacks", "grading");
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-grading-attacks-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<string> StudentAsync(string name)
    {
        var db = await fx.CreateDatabaseAsync(name);
        await using var conn = await fx.OpenAsync(db);
        foreach (var sql in new[]
        {
            "CREATE TABLE marks (who text)",
            $"INSERT INTO marks VALUES ('{name}'), ('secret of {name}')",
            "CREATE SEQUENCE marks_seq",
            "CREATE FUNCTION bump() RETURNS int LANGUAGE sql AS 'INSERT INTO marks VALUES (''bumped'') RETURNING 1'",
        })
        {
            await using var cmd = new NpgsqlCommand(sql, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return db;
    }

    private async Task<string> DumpAsync(string database)
    {
        var bins = await PgBinaries.FindAsync(null, CancellationToken.None);
        var psi = new ProcessStartInfo(Path.Combine(bins.BinDirectory, "pg_dump")) { RedirectStandardOutput = true, RedirectStandardError = true };
        // As LabRunner reaches the server from the host (PgEnvironment is what a step inside the sandbox sees).
        var server = fx.Sandbox.ConnectionString(database);
        psi.Environment["PGHOST"] = server.Host;
        psi.Environment["PGPORT"] = server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        psi.Environment["PGUSER"] = server.Username;
        psi.Environment["PGDATABASE"] = database;
        if (!string.IsNullOrEmpty(server.Password)) psi.Environment["PGPASSWORD"] = server.Password;
        psi.ArgumentList.Add("--no-password");
        psi.ArgumentList.Add("--restrict-key=labrunnertest"); // else each dump names a random key
        using var process = Process.Start(psi)!;
        var dump = process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, errors);
        return await dump;
    }

    /// <summary>The test's own eyes: a program the server runs as superuser does leave its marker where the test looks.</summary>
    private async Task ProveAProgramWouldLeaveAMarkerAsync(string database, string markers, string hostMarkers)
    {
        await using var conn = await fx.OpenAsync(database);
        // The program reads what COPY writes: `touch` alone may exit first, and the server's write then fails with
        // "could not close pipe to external command: Broken pipe" (seen in loaded full-suite runs).
        await using var cmd = new NpgsqlCommand($"COPY (SELECT 1) TO PROGRAM 'touch {markers}/probe; cat > /dev/null'", conn);
        await cmd.ExecuteNonQueryAsync();
        Assert.True(File.Exists(Path.Combine(hostMarkers, "probe")), $"{hostMarkers}/probe");
        File.Delete(Path.Combine(hostMarkers, "probe"));
    }

    [Fact]
    public async Task Checks_that_write_run_programs_or_reach_another_database_change_nothing()
    {
        var alice = await StudentAsync("alice");
        var bob = await StudentAsync("bob");
        // A program the server runs leaves its file in the data directory (the server may write there, confined or not).
        var markers = fx.Sandbox.DataDirectory!;
        var hostMarkers = fx.Sandbox.HostPath(markers);
        await ProveAProgramWouldLeaveAMarkerAsync(alice, markers, hostMarkers);
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, (await File.ReadAllTextAsync(Path.Combine(Corpus, "lab.yaml")))
            .Replace("OTHER_DB", bob, StringComparison.Ordinal).Replace("MARKER_DIR", markers, StringComparison.Ordinal));
        var targets = Path.Combine(_dir, "students.yaml");
        await File.WriteAllTextAsync(targets, (await File.ReadAllTextAsync(Path.Combine(Corpus, "students.yaml")))
            .Replace("ALICE", fx.Sandbox.ConnectionString(alice).ConnectionString, StringComparison.Ordinal)
            .Replace("BOB", fx.Sandbox.ConnectionString(bob).ConnectionString, StringComparison.Ordinal));
        var autoConf = fx.Sandbox.HostPath(Path.Combine(fx.Sandbox.DataDirectory!, "postgresql.auto.conf"));
        Assert.True(File.Exists(autoConf), autoConf);
        var (aliceBefore, bobBefore, confBefore) = (await DumpAsync(alice), await DumpAsync(bob), await File.ReadAllBytesAsync(autoConf));
        var (json, junit) = (Path.Combine(_dir, "grades.json"), Path.Combine(_dir, "grades.xml"));
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["grade", lab, "--targets", targets, "--report", $"json:{json}", "--report", $"junit:{junit}"], stdout, stderr);

        var report = stdout.ToString() + stderr;
        Assert.Equal(ExitCodes.ChecksFailed, code);
        Assert.Equal(aliceBefore, await DumpAsync(alice));
        Assert.Equal(bobBefore, await DumpAsync(bob));
        Assert.Equal(confBefore, await File.ReadAllBytesAsync(autoConf));
        Assert.DoesNotContain(new[] { "copy-program", "do-execute", "query-to-xml", "lo-export", "auto-conf", "pg-dump.sql" }, m => File.Exists(Path.Combine(hostMarkers, m)));
        Assert.Contains("warning: alice: connected as the superuser \"postgres\"", report);

        // Per student and task: the task's status and its checks' messages.
        var rows = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("students").EnumerateArray()
            .SelectMany(s => s.GetProperty("tasks").EnumerateArray().Select(t => (
                Key: (s.GetProperty("student").GetString()!, t.GetProperty("task").GetString()!),
                Verdict: t.GetProperty("status").GetString()!,
                Message: string.Join("; ", s.GetProperty("checks").EnumerateArray()
                    .Where(c => c.GetProperty("task").GetString() == t.GetProperty("task").GetString())
                    .Select(c => c.GetProperty("check").GetString() + ": " + c.GetProperty("message").GetString())))))
            .ToDictionary(r => r.Key, r => (r.Verdict, r.Message));
        foreach (var student in new[] { "alice", "bob" })
        {
            Assert.Equal("passed", rows[(student, "honest")].Verdict);
            foreach (var (task, reason) in new[]
            {
                ("begin-read-write", "BEGIN controls the transaction"),
                ("session-characteristics", "SET SESSION CHARACTERISTICS"),
                ("default-read-only-off", "SET default_transaction_read_only changes whether and how transactions may write"),
                ("set-config", "set_config() default_transaction_read_only"),
                ("drop-table", "START controls the transaction"),
                ("alter-system", "ALTER SYSTEM changes the server's configuration"),
                ("copy-program", "COPY … TO PROGRAM runs a program on the database server"),
                ("do-execute", "EXECUTEs SQL built at run time"),
                ("query-to-xml", "query_to_xml(): COPY … TO PROGRAM"),
                ("lo-export", "lo_export() writes"),
                ("sequence", "nextval() advances a sequence"),
                ("other-student", "\\c connects to another database"),
                ("auto-conf", "/postgresql.auto.conf' writes a file on the database server"),
                ("pg-dump", "a check must be SQL (grading runs no shell command)"),
            })
            {
                Assert.True(rows[(student, task)].Verdict == "error", $"{student} {task}: {rows[(student, task)]}");
                Assert.Contains(task == "pg-dump" ? "refused: " : "refused: grading only reads", rows[(student, task)].Message);
                Assert.Contains(reason, rows[(student, task)].Message);
            }
            // Past the filter (a function that writes): the read-only transaction stops it.
            Assert.Equal("failed", rows[(student, "past-the-filter")].Verdict);
            Assert.Contains("25006", rows[(student, "past-the-filter")].Message);
        }

        // The checks after a refused SET still ran, read-only: each failed with 25006 rather than writing.
        var cases = ReportFiles.ValidJUnit(junit).Descendants("testcase").ToDictionary(
            t => t.Parent!.Attribute("name")!.Value + "/" + t.Attribute("name")!.Value);
        foreach (var later in new[] { "session-characteristics/after-characteristics", "default-read-only-off/after-default", "set-config/after-set-config" })
            Assert.Contains("25006", cases[$"alice.grading-attacks.{later.Split('/')[0]}/{later.Split('/')[1]} (check)"].Element("failure")!.Attribute("message")!.Value);
        Assert.Contains($"refused: the check connects to database \"{bob}\", not the student's",
            cases["alice.grading-attacks.other-student/database-key (check)"].Element("error")!.Attribute("message")!.Value);
    }
}
