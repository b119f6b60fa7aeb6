using System.Text.Json;
using LabRunner.Cli;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Grading;

/// <summary>
/// A class on a shared server (the sandbox stands in for it): `class provision` for 20 students, the students working in
/// their own databases with their own passwords (some right, some half right, some not at all), `grade` with points,
/// the grade sheet, Gradescope's results.json and feedback, then `class drop`.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ClassTests(SandboxFixture fx) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-class-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Admin => fx.Sandbox.ConnectionString("postgres").ConnectionString;

    /// <summary>The shared server asks the class's students for their passwords (as a real one would over TCP).</summary>
    private async Task RequirePasswordsAsync(string group)
    {
        var hba = fx.Sandbox.HostPath($"/etc/postgresql/{fx.Sandbox.MajorVersion}/main/pg_hba.conf");
        var text = await File.ReadAllTextAsync(hba);
        if (!text.Contains($"+{group} ", StringComparison.Ordinal))
            await File.WriteAllTextAsync(hba, $"local all +{group} scram-sha-256\n" + text);
        await using var conn = await fx.OpenAsync("postgres");
        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", conn);
        await reload.ExecuteNonQueryAsync();
    }

    private static async Task ExecAsync(string connection, string sql)
    {
        await using var conn = new NpgsqlConnection(LabRunner.Postgres.ConnectionStrings.Parse(connection).ConnectionString);
        await conn.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var cmd = new NpgsqlCommand(statement, conn);
            await cmd.ExecuteNonQueryAsync();
        }
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var conn = await fx.OpenAsync("postgres");
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    private static Dictionary<string, string> Connections(string folder) =>
        File.ReadAllLines(Path.Combine(folder, "connections.csv")).Skip(1).Select(l => l.Split(',')).ToDictionary(f => f[0], f => f[3]);

    [Fact]
    public async Task Twenty_students_are_provisioned_work_in_their_own_databases_are_graded_with_points_and_dropped()
    {
        var students = Enumerable.Range(1, 20).Select(i => $"s{i:00}").ToList();
        var roster = Path.Combine(_dir, "roster.csv");
        await File.WriteAllTextAsync(roster, "student,name\n" + string.Join("\n", students.Select(s => $"{s},Student {s}")) + "\n");
        var folder = Path.Combine(_dir, "class");
        await RequirePasswordsAsync("lr_banco_students");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["class", "provision", TestLabs.Banco, "--server", Admin, "--roster", roster, "--out", folder], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, stdout.ToString() + stderr);
        Assert.Contains("20 of 20 students", stdout.ToString());
        // The lab's autovacuum_naptime is server-wide: said, not silently dropped.
        Assert.Contains("could not: the lab's setting autovacuum_naptime = 1s cannot be set per database", stderr.ToString());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(folder, "connections.csv")));
        var connections = Connections(folder);
        Assert.Equal(students, connections.Keys);
        foreach (var c in connections.Values)
            Assert.DoesNotContain(LabRunner.Postgres.ConnectionStrings.Parse(c).Password!, stdout.ToString() + stderr);

        // Each student works in their own database, logged in with their own password; the tables are theirs.
        foreach (var s in students.Take(10))
            await ExecAsync(connections[s], "UPDATE cuentas SET saldo = saldo - 350 WHERE id = 1; UPDATE cuentas SET saldo = saldo + 350 WHERE id = 2; CREATE INDEX cuentas_saldo ON cuentas (saldo)");
        foreach (var s in students.Skip(10).Take(5))
            await ExecAsync(connections[s], "UPDATE cuentas SET saldo = saldo - 350 WHERE id = 1; UPDATE cuentas SET saldo = 800 WHERE id = 2");
        await ExecAsync(connections["s20"], "DROP TABLE cuentas");
        Assert.Equal("8MB", await ShowAsync(connections["s01"], "work_mem"));

        // A student's role cannot connect to another student's database, nor to the template.
        var other = LabRunner.Postgres.ConnectionStrings.Parse(connections["s01"]);
        foreach (var db in new[] { "lr_banco_s_s02", "lr_banco_template" })
        {
            other.Database = db;
            var denied = await Assert.ThrowsAsync<PostgresException>(async () => await ExecAsync(other.ConnectionString, "SELECT 1"));
            Assert.Equal("42501", denied.SqlState);
        }
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'lr_banco%' AND (rolsuper OR rolcreatedb OR rolcreaterole)"));

        // Provisioning again changes nothing and keeps the passwords handed out.
        var again = await CliApp.RunAsync(["class", "provision", TestLabs.Banco, "--server", Admin, "--roster", roster, "--out", folder], new StringWriter(), new StringWriter());
        Assert.Equal(ExitCodes.Ok, again);
        Assert.Equal(connections, Connections(folder));

        var (csv, gradescope, feedback, json) = (Path.Combine(_dir, "grades.csv"), Path.Combine(_dir, "gs"), Path.Combine(_dir, "feedback"), Path.Combine(_dir, "grades.json"));
        (stdout, stderr) = (new StringWriter(), new StringWriter());
        code = await CliApp.RunAsync(["grade", TestLabs.Banco, "--targets", Path.Combine(folder, "targets.csv"), "--csv", csv,
            "--report", $"gradescope:{gradescope}", "--report", $"json:{json}", "--feedback", feedback], stdout, stderr);

        Assert.True(code == ExitCodes.ChecksFailed, stdout.ToString() + stderr);
        var points = JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("students").EnumerateArray()
            .ToDictionary(s => s.GetProperty("student").GetString()!, s => s.GetProperty("points").GetDouble());
        Assert.All(students, s => Assert.Equal(s switch
        {
            "s01" or "s02" or "s03" or "s04" or "s05" or "s06" or "s07" or "s08" or "s09" or "s10" => 5,
            "s11" or "s12" or "s13" or "s14" or "s15" => 3,
            _ => 0,
        }, points[s]));
        var sheet = await File.ReadAllLinesAsync(csv);
        Assert.Equal("student,points,max_points,transferencia/saldo-origen,transferencia/saldo-destino,indice/indice-saldo,error", sheet[0]);
        Assert.Equal(["s01,5,5,3,1,1,", "s11,3,5,3,0,0,", "s16,0,5,0,0,0,", "s20,0,5,0,0,0,"], new[] { sheet[1], sheet[11], sheet[16], sheet[20] });
        Assert.Contains("graded 20/20 · 10 not full marks · 0 unreachable", stderr.ToString());

        using var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(gradescope, "s11", "results.json")));
        GradescopeShape.AssertValid(results.RootElement);
        Assert.Equal((3, 5), (results.RootElement.GetProperty("score").GetDouble(), results.RootElement.GetProperty("max_score").GetDouble()));
        Assert.Equal("incorrecto: fila 1, saldo: 800 no es el valor esperado",
            results.RootElement.GetProperty("tests")[1].GetProperty("output").GetString());
        var md = await File.ReadAllTextAsync(Path.Combine(feedback, "s11.md"));
        Assert.Contains("**Puntuación:** 3 / 5", md);
        Assert.DoesNotContain("850", md); // feedback: differences keeps the expected values hidden
        Assert.Contains("<td>Saldo de Ana</td>", await File.ReadAllTextAsync(Path.Combine(feedback, "s11.html")));
        Assert.Contains("42P01", await File.ReadAllTextAsync(Path.Combine(feedback, "s20.md")));
        // The README's sample is this run's feedback for s11, byte for byte (LABRUNNER_UPDATE_SCREENS=1 rewrites it, and still fails).
        var sample = Path.Combine(TestPaths.RepoRoot, "docs", "feedback-sample.md");
        if (Environment.GetEnvironmentVariable("LABRUNNER_UPDATE_SCREENS") == "1" && md != await File.ReadAllTextAsync(sample))
        {
            await File.WriteAllTextAsync(sample, md);
            Assert.Fail($"{sample} rewritten from this run");
        }
        Assert.Equal(await File.ReadAllTextAsync(sample), md);

        // Drop removes what provision made, and nothing else.
        var unrelated = await fx.CreateDatabaseAsync("lr_banco_keep");
        code = await CliApp.RunAsync(["class", "drop", "banco", "--server", Admin, "--out", folder], stdout, stderr);
        Assert.True(code == ExitCodes.Ok, stdout.ToString() + stderr);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'lr_banco%'"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM pg_database WHERE datname LIKE 'lr_banco%'"));
        Assert.Equal(1, await CountAsync($"SELECT count(*) FROM pg_database WHERE datname = '{unrelated}'"));
        Assert.False(File.Exists(Path.Combine(folder, "connections.csv")));
    }

    [Fact]
    public async Task A_CREATEDB_CREATEROLE_instructor_provisions_too_and_says_what_it_could_not_do()
    {
        await using (var conn = await fx.OpenAsync("postgres"))
        {
            await using var cmd = new NpgsqlCommand("DROP ROLE IF EXISTS teacher", conn);
            await cmd.ExecuteNonQueryAsync();
            cmd.CommandText = "CREATE ROLE teacher LOGIN CREATEDB CREATEROLE";
            await cmd.ExecuteNonQueryAsync();
        }
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, (await File.ReadAllTextAsync(TestLabs.Banco)).Replace("id: banco", "id: banco-b", StringComparison.Ordinal)
            .Replace("work_mem: 8MB", "log_min_duration_statement: 0", StringComparison.Ordinal));
        var roster = Path.Combine(_dir, "roster.csv");
        await File.WriteAllTextAsync(roster, "student\nAna.García\nluis\n");
        var folder = Path.Combine(_dir, "class");
        await RequirePasswordsAsync("lr_banco_b_students");
        await fx.AllowLocalLoginAsync("teacher"); // above the class's line: the teacher becomes a member of the students' roles
        var teacher = new NpgsqlConnectionStringBuilder(Admin) { Username = "teacher" }.ConnectionString;
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["class", "provision", lab, "--server", teacher, "--roster", roster, "--out", folder], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, stdout.ToString() + stderr);
        Assert.Contains("note: \"teacher\" is not a superuser", stderr.ToString());
        Assert.Contains("could not: the lab's setting log_min_duration_statement = 0 cannot be set per database (context: superuser)", stderr.ToString());
        var connections = Connections(folder);
        await ExecAsync(connections["Ana.García"], "UPDATE cuentas SET saldo = 650 WHERE id = 1");
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'lr_banco_b%' AND (rolsuper OR rolcreatedb OR rolcreaterole)"));

        // The teacher grades with its own role: a member of each student's role, it reads their tables.
        (stdout, stderr) = (new StringWriter(), new StringWriter());
        code = await CliApp.RunAsync(["grade", lab, "--targets", Path.Combine(folder, "targets.csv")], stdout, stderr);
        Assert.True(code == ExitCodes.ChecksFailed, stdout.ToString() + stderr);
        Assert.Contains("Ana.García  total 3/5", stdout.ToString());
        Assert.Contains("luis        total 0/5", stdout.ToString());

        // A session the teacher may not end (a superuser's) keeps a database: drop says whose, and a second run goes on.
        var anaDb = LabRunner.Postgres.ConnectionStrings.Parse(connections["Ana.García"]).Database!;
        await using (await fx.OpenAsync(anaDb))
        {
            (stdout, stderr) = (new StringWriter(), new StringWriter());
            code = await CliApp.RunAsync(["class", "drop", "banco-b", "--server", teacher, "--out", folder], stdout, stderr);
            Assert.True(code == ExitCodes.UsageOrEnvironment, stdout.ToString() + stderr);
            Assert.Contains($"labrunner: database {anaDb} still has sessions of postgres, which teacher may not end", stderr.ToString());
            Assert.DoesNotContain("   at ", stderr.ToString());
            Assert.Equal(1, await CountAsync($"SELECT count(*) FROM pg_database WHERE datname = '{anaDb}'"));
        }
        (stdout, stderr) = (new StringWriter(), new StringWriter());
        code = await CliApp.RunAsync(["class", "drop", "banco-b", "--server", teacher, "--out", folder], stdout, stderr);
        Assert.True(code == ExitCodes.Ok, stdout.ToString() + stderr);
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_roles WHERE rolname LIKE 'lr_banco_b%'"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM pg_database WHERE datname LIKE 'lr_banco_b%'"));
    }

    private static async Task<string> ShowAsync(string connection, string setting)
    {
        await using var conn = new NpgsqlConnection(LabRunner.Postgres.ConnectionStrings.Parse(connection).ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"SHOW {setting}", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }
}

/// <summary>Gradescope's documented results.json: score and max_score numbers; tests with name, score, max_score, output, visibility.</summary>
internal static class GradescopeShape
{
    private static readonly string[] Visibilities = ["hidden", "after_due_date", "after_published", "visible"];

    public static void AssertValid(JsonElement root)
    {
        Assert.Equal(JsonValueKind.Number, root.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Number, root.GetProperty("max_score").ValueKind);
        Assert.Contains(root.GetProperty("visibility").GetString(), Visibilities);
        var tests = root.GetProperty("tests");
        Assert.Equal(JsonValueKind.Array, tests.ValueKind);
        Assert.NotEqual(0, tests.GetArrayLength());
        double sum = 0, max = 0;
        foreach (var t in tests.EnumerateArray())
        {
            Assert.Equal(JsonValueKind.String, t.GetProperty("name").ValueKind);
            Assert.Equal(JsonValueKind.String, t.GetProperty("output").ValueKind);
            Assert.Contains(t.GetProperty("visibility").GetString(), Visibilities);
            var (score, maxScore) = (t.GetProperty("score").GetDouble(), t.GetProperty("max_score").GetDouble());
            Assert.InRange(score, 0, maxScore);
            (sum, max) = (sum + score, max + maxScore);
        }
        Assert.Equal(root.GetProperty("score").GetDouble(), sum, 3);
        Assert.Equal(root.GetProperty("max_score").GetDouble(), max, 3);
    }
}
