using System.Text.RegularExpressions;
using LabRunner.Cli;
using LabRunner.Tests.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Security;

/// <summary>The --connection password: never PGPASSWORD for shell steps, never in anything LabRunner writes, never in an error.</summary>
[Collection(SandboxCollection.Name)]
public sealed partial class SecretsTests(SandboxFixture fx) : IDisposable
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Security", "attacks");
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-secrets-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static string Quoted(string value) => "'" + value.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("'", @"\'", StringComparison.Ordinal) + "'";

    [Fact]
    public async Task The_connection_password_reaches_shell_steps_only_through_a_0600_passfile_and_is_never_written()
    {
        var db = await fx.CreateDatabaseAsync();
        var server = fx.Sandbox.ConnectionString(db);
        // Trust authentication ignores a password; a sandbox that authenticates has its own, which is then the secret.
        var password = string.IsNullOrEmpty(server.Password) ? "Tr0ub4dor&3 x;y" : server.Password;
        var connection = $"host={server.Host} port={server.Port} user={server.Username} dbname={db} password={Quoted(password)}";
        var (json, junit) = (Path.Combine(_dir, "report.json"), Path.Combine(_dir, "report.xml"));

        // A server named with --connection: its shell steps run on the host, which takes --unconfined-shell.
        var (code, output, errors) = await RunAsync("check", Path.Combine(Corpus, "secrets", "lab.yaml"), "--connection", connection,
            "--allow-shell", "--unconfined-shell", "--report", $"json:{json}", "--report", $"junit:{junit}");

        var report = ReportFiles.Json(json);
        Assert.True(code == ExitCodes.Ok, output + errors + string.Join("\n", report.Steps.Select(s => $"{s.Step}: {s.Message}\n{s.Actual}")));
        var everything = output + errors + await File.ReadAllTextAsync(json) + await File.ReadAllTextAsync(junit);
        Assert.DoesNotContain(password, everything);
        Assert.Contains(Secrets.Mask, report.Steps.Single(s => s.Step == "print").Actual);
        var passfile = PassfileLine().Match(report.Steps.Single(s => s.Step == "passfile").Actual!).Groups[1].Value;
        Assert.StartsWith("/", passfile);
        Assert.False(File.Exists(passfile), $"{passfile} is left behind");
    }

    [Theory]
    [InlineData("host=/nonexistent/socket password=hun ter2 dbname=x")]
    [InlineData("host=/nonexistent/socket password=hun ter2=x dbname=x")]
    [InlineData("postgresql://grader:hun/ter2@db.example.com/x")]
    [InlineData("host=127.0.0.1 port=99999 password=hunter2 dbname=x")]
    public async Task A_bad_connection_string_is_one_line_exit_2_and_never_echoes_its_password(string connection)
    {
        var (code, output, errors) = await RunAsync("check", TestLabs.Grading, "--connection", connection);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith("labrunner: ", errors);
        Assert.DoesNotContain("hun", output + errors);
        Assert.DoesNotContain("ter2", output + errors);
    }

    [Fact]
    public async Task Bad_targets_are_those_students_errors_the_others_are_graded_and_no_password_reaches_the_csv()
    {
        var alice = await fx.CreateDatabaseAsync("alice");
        var targets = Path.Combine(_dir, "students.yaml");
        await File.WriteAllTextAsync(targets, (await File.ReadAllTextAsync(Path.Combine(Corpus, "bad-targets.yaml")))
            .Replace("ALICE", fx.Sandbox.ConnectionString(alice).ConnectionString, StringComparison.Ordinal));
        var (csv, junit, json) = (Path.Combine(_dir, "grades.csv"), Path.Combine(_dir, "grades.xml"), Path.Combine(_dir, "grades.json"));

        var (code, output, errors) = await RunAsync("grade", TestLabs.Grading, "--targets", targets, "--csv", csv, "--report", $"junit:{junit}",
            "--report", $"json:{json}", "--task", "rows");

        Assert.True(code == ExitCodes.ChecksFailed, output + errors);
        var rows = System.Text.Json.JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.GetProperty("students").EnumerateArray()
            .ToDictionary(s => s.GetProperty("student").GetString()!, s => (
                Verdict: s.GetProperty("tasks")[0].GetProperty("status").GetString()!,
                Message: s.GetProperty("checks")[0].GetProperty("message").GetString()!));
        Assert.Equal(["alice", "bad-port", "huge-port", "unquoted-password", "half-quoted", "bad-uri"], rows.Keys);
        Assert.Equal("failed", rows["alice"].Verdict); // graded: her database has no test_autovacuum table
        Assert.Contains("port 99999 is out of range (1-65535)", rows["bad-port"].Message);
        Assert.All(rows.Where(r => r.Key != "alice"), r => Assert.Equal("error", r.Value.Verdict));
        var written = output + errors + await File.ReadAllTextAsync(csv) + await File.ReadAllTextAsync(junit) + await File.ReadAllTextAsync(json);
        Assert.DoesNotContain("hun", written);
        Assert.DoesNotContain("ter2", written);
        Assert.Equal(6, ReportFiles.ValidJUnit(junit).Descendants("testcase").Count());
    }

    [GeneratedRegex(@"passfile (\S+) mode 600")]
    private static partial Regex PassfileLine();
}
