using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>`check --task` of a task that builds on another (`needs:`) runs that task's steps first, on a fresh sandbox.</summary>
public sealed class CheckNeedsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-needs-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Out, string Err)> CheckAsync(string needs)
    {
        var lab = Path.Combine(_dir, $"lab{needs.Length}.yaml");
        await File.WriteAllTextAsync(lab, $"""
            id: needs
            title: Needs
            tasks:
              - id: crear
                title: Tarea 1.
                steps:
                  - id: tabla
                    title: Paso 1.
                    sql: CREATE TABLE cuentas (id int); INSERT INTO cuentas VALUES (1), (2);
              - id: otra
                title: Tarea 2.
                steps:
                  - id: nada
                    title: Paso 1.
                    sql: SELECT 1 AS uno;
              - id: contar
                title: Tarea 3.
            {needs}    steps:
                  - id: cuantas
                    title: Paso 1.
                    sql: SELECT count(*) AS n FROM cuentas;
                    expect:
                      columns: [n]
                      rows: [["2"]]
            """);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", lab, "--task", "contar", "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task A_task_checked_alone_gets_the_tasks_it_needs_run_first_and_only_those()
    {
        var (code, output, errors) = await CheckAsync("    needs: [crear]\n");

        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.Contains("crear", output);
        Assert.DoesNotContain("nada", output); // a task it does not need is not run
    }

    [Fact]
    public async Task Without_needs_the_task_alone_fails_on_the_missing_table()
    {
        var (code, output, errors) = await CheckAsync("");

        Assert.True(code == ExitCodes.ChecksFailed, output + errors);
        Assert.Contains("42P01", output + errors);
    }
}
