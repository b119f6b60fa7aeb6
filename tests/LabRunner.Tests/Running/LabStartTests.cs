using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

/// <summary>What stops a lab before its first step, said in one line with exit 2: a setup SQL that fails, a server of the wrong version.</summary>
[Collection(SandboxCollection.Name)]
public sealed class LabStartTests(SandboxFixture fx) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-lab-start-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Out, string Err)> CheckAsync(string server, string database)
    {
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, $"""
            id: start
            title: Start
            server:
            {server}
            tasks:
              - id: t
                title: T
                steps:
                  - {"{"} id: s, title: S, sql: "CREATE TABLE reached (a int);" {"}"}
            """);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", lab, "--connection", fx.Sandbox.ConnectionString(database).ConnectionString], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<bool> FirstStepRanAsync(string database)
    {
        await using var conn = await fx.OpenAsync(database);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT to_regclass('reached') IS NOT NULL", conn);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task A_failing_setup_SQL_stops_the_lab_before_its_first_step_in_one_line()
    {
        var db = await fx.CreateDatabaseAsync();

        var (code, output, errors) = await CheckAsync("  setup: SELECT * FROM no_such_table;", db);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Equal("labrunner: the lab's setup SQL failed: ERROR 42P01: relation \"no_such_table\" does not exist",
            errors.Trim().Split('\n').Last());
        Assert.DoesNotContain("   at ", output + errors);
        Assert.False(await FirstStepRanAsync(db));
    }

    [Fact]
    public async Task A_server_older_than_the_lab_needs_is_refused_before_anything_runs()
    {
        var db = await fx.CreateDatabaseAsync();
        var next = fx.Sandbox.MajorVersion + 1;

        var (code, output, errors) = await CheckAsync($"  versions: \">={next}\"\n  setup: CREATE TABLE setup_ran (a int);", db);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        var line = Assert.Single(errors.Trim().Split('\n'));
        Assert.StartsWith($"labrunner: This lab needs PostgreSQL >={next}, and the server is {fx.Sandbox.MajorVersion}.", line);
        Assert.False(await FirstStepRanAsync(db));
        await using var conn = await fx.OpenAsync(db);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT to_regclass('setup_ran') IS NULL", conn);
        Assert.True((bool)(await cmd.ExecuteScalarAsync())!, "the setup ran on a server the lab refused");
    }
}
