using LabRunner.Cli;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// A lab on a shared server (a class's server, --connection): shell steps, config edits and server steps need a machine
/// of the lab's own, so they are said to be unavailable (in the screen's language, with no consent asked first, and in
/// `check`'s report) instead of asking, then failing with an error about --unconfined-shell; SQL steps run as usual.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SharedServerTests(SandboxFixture fx) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-shared-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static T Sync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    private string Marker => Path.Combine(_dir, "ran");

    private Lab Lab => new()
    {
        Id = "compartido", Title = "Compartido", Language = "es",
        Tasks =
        [
            new LabTask
            {
                Id = "t", Title = "Tarea 1.",
                Steps =
                [
                    new Step { Id = "sql", Title = "Paso 1.", Action = new SqlAction("SELECT 1 AS uno;") },
                    new Step { Id = "shell", Title = "Paso 2.", Action = new ShellAction($"touch {Marker}") },
                    new Step { Id = "edit", Title = "Paso 3.", Action = new EditAction("/etc/postgresql/15/main/postgresql.conf", "work_mem = '8MB'") },
                ],
            },
        ],
    };

    [Fact]
    public void In_the_TUI_a_shell_step_on_a_shared_server_is_said_unavailable_in_spanish_without_asking()
    {
        var runner = Sync(() => LabRunStepRunner.StartAsync(Lab,
            async ct => (IServerTarget)await ExistingServer.ConnectAsync(fx.Sandbox.ConnectionString("postgres").ConnectionString, null, ct),
            (target, o) => new StepExecutor(target, o), null, CancellationToken.None));
        try
        {
            using var h = new ScreenHarness(Lab, runner, width: 100, height: 30, text: new SpanishCatalogue());
            h.Session.Select(1);
            h.Press(Key.F5);
            Assert.Null(h.Session.Pending); // no consent question: allowing would not make it runnable
            h.WaitUntil(() => !h.Session.IsBusy && h.Text.Contains("no disponible en un servidor compartido", StringComparison.Ordinal));
            Assert.False(File.Exists(Marker));
            h.Session.Select(0);
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains(" uno ", h.Text); // SQL still runs on the shared server
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask().ContinueWith(_ => true));
        }
    }

    [Fact]
    public async Task Check_on_a_shared_server_reports_shell_and_edit_steps_as_unavailable_and_runs_the_rest()
    {
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, $"""
            id: compartido
            title: Compartido
            tasks:
              - id: t
                title: Tarea 1.
                steps:
                  - id: sql
                    title: Paso 1.
                    sql: SELECT 1 AS uno;
                  - id: shell
                    title: Paso 2.
                    shell: touch {Marker}
            """);
        var json = Path.Combine(_dir, "report.json");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["check", lab, "--connection", fx.Sandbox.ConnectionString("postgres").ConnectionString,
            "--allow-shell", "--report", $"json:{json}"], stdout, stderr);

        var report = LabRunner.Tests.Cli.ReportFiles.Json(json);
        Assert.Equal("ran", report.Steps.Single(s => s.Step == "sql").Status);
        var shell = report.Steps.Single(s => s.Step == "shell");
        Assert.Equal("skipped", shell.Status);
        Assert.Contains("not available on a shared server", shell.Message);
        Assert.False(File.Exists(Marker));
        Assert.True(code == ExitCodes.Ok, stdout + "\n" + stderr);
    }
}
