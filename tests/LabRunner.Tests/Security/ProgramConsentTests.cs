using LabRunner.Psql;
using LabRunner.Cli;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Tests.Cli;
using LabRunner.Tests.Running;
using LabRunner.Tests.Support;
using static LabRunner.Tests.Checking.Outputs;

namespace LabRunner.Tests.Security;

/// <summary>
/// SQL that makes the server run a program, write a file on its machine or build SQL at run time needs the same consent as
/// a shell step (attacks/programs). Before: the sandbox's superuser login ran all of it with no question at all — a step's
/// COPY … TO PROGRAM on F5, the setup SQL when the TUI opened the lab, an archive_command among the lab's settings.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ProgramConsentTests(SandboxFixture fx) : IDisposable
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Security", "attacks", "programs");
    private static readonly string[] Programs = ["copy-program", "do-execute", "lo-export"];
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-program-consent-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>The step lab with its markers in a folder the sandbox's server may write; returns the lab and where the test sees that folder.</summary>
    private async Task<(string Lab, string Markers)> StepLabAsync()
    {
        var markers = Path.Combine(fx.Sandbox.DataDirectory!, "markers-" + Guid.NewGuid().ToString("N")[..8]);
        var hostMarkers = fx.Sandbox.HostPath(markers);
        Directory.CreateDirectory(hostMarkers);
        File.SetUnixFileMode(hostMarkers, (UnixFileMode)0x1FF); // the server's OS user writes here
        var lab = Path.Combine(_dir, "lab.yaml");
        await File.WriteAllTextAsync(lab, (await File.ReadAllTextAsync(Path.Combine(Corpus, "steps", "lab.yaml"))).Replace("MARKER_DIR", markers, StringComparison.Ordinal));
        return (lab, hostMarkers);
    }

    [Fact]
    public async Task Check_skips_SQL_that_runs_programs_without_allow_shell_and_runs_it_with()
    {
        var (lab, markers) = await StepLabAsync();
        var db = await fx.CreateDatabaseAsync();
        var connection = fx.Sandbox.ConnectionString(db).ConnectionString;
        var json = Path.Combine(_dir, "report.json");

        var (code, output, errors) = await RunAsync("check", lab, "--connection", connection, "--report", $"json:{json}");

        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.Contains("note: 3 SQL steps that make the server run programs will be skipped; pass --allow-shell to run them", errors);
        var steps = ReportFiles.Json(json).Steps.ToDictionary(s => s.Step);
        Assert.Equal("ran", steps["honest"].Status); // ran (nothing expected of it), not skipped
        foreach (var step in Programs)
        {
            Assert.Equal("skipped", steps[step].Status);
            Assert.Contains("makes the server run a program or write on its machine; pass --allow-shell", steps[step].Message);
        }
        Assert.Empty(Directory.GetFiles(markers));

        // With the yes, the same steps run: the markers prove this test would see a program that ran.
        (code, output, errors) = await RunAsync("check", lab, "--connection", connection, "--allow-shell", "--report", $"json:{json}");
        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.Equal(Programs.Order(), Directory.GetFiles(markers).Select(Path.GetFileName).Order());
    }

    [Theory]
    [InlineData("settings", "server setting archive_command makes the server run a program")]
    [InlineData("setup", "setup SQL line 1: COPY … TO PROGRAM runs a program on the database server")]
    public async Task Check_refuses_a_lab_whose_settings_or_setup_run_programs_before_any_server_starts(string lab, string why)
    {
        // (The TUI asks on screen instead, before its server starts: Tui/ServerStartTests.)
        var root = Path.Combine(_dir, "sandboxes");
        var file = Path.Combine(Corpus, lab, "lab.yaml");

        var (code, _, errors) = await RunAsync("check", file, "--sandbox-root", root);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        var line = Assert.Single(errors.Trim().Split('\n'));
        Assert.Contains("runs programs on the server before its first step", line);
        Assert.Contains(why, line);
        Assert.Contains("--allow-shell", line);
        Assert.False(Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any(), "a sandbox was started");
    }

    [Fact]
    public async Task Validate_lists_what_runs_programs_and_still_finds_no_problem()
    {
        var (lab, _) = await StepLabAsync();

        var (code, output, _) = await RunAsync("validate", lab, Path.Combine(Corpus, "settings", "lab.yaml"), Path.Combine(Corpus, "setup", "lab.yaml"));

        Assert.Equal(ExitCodes.Ok, code);
        var notes = output.Split('\n').Where(l => l.StartsWith("note: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(5, notes.Count);
        Assert.Contains("note: program-steps: needs consent (--allow-shell): t/copy-program: line 1: COPY … TO PROGRAM runs a program on the database server", notes);
        Assert.Contains(notes, n => n.StartsWith("note: program-steps: needs consent (--allow-shell): t/do-execute: line 1: the DO block EXECUTEs SQL", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith("note: program-steps: needs consent (--allow-shell): t/lo-export: line 2: lo_export()", StringComparison.Ordinal));
        Assert.Contains("note: program-settings: needs consent (--allow-shell): server setting archive_command makes the server run a program", notes);
        Assert.Contains("note: program-setup: needs consent (--allow-shell): setup SQL line 1: COPY … TO PROGRAM runs a program on the database server", notes);
        Assert.EndsWith("3 labs checked: no problems\n", output);
    }

    [Fact]
    public async Task Setup_SQL_that_runs_a_program_never_reaches_the_server_without_consent()
    {
        var lab = new Lab
        {
            Id = "l", Title = "L", Server = new ServerRequirements { Setup = "COPY (SELECT 1) TO PROGRAM 'id';" },
            Tasks = [new LabTask { Id = "t", Title = "T", Steps = [new Step { Id = "s", Title = "S", Action = new SqlAction("SELECT 1;") }] }],
        };
        var executor = new ScriptedExecutor((_, _, _, _) => Task.FromResult(Of(new CommandTag("COPY 1"))));

        var refused = await Assert.ThrowsAsync<UserErrorException>(() => new LabRun(lab, new LabRunTests.FakeTarget(15), executor).StartAsync(CancellationToken.None));
        Assert.Contains("COPY … TO PROGRAM runs a program", refused.Message);
        Assert.Empty(executor.Commands);
        // A step's consent is not the setup's: the run's --allow-shell (or the TUI's) is.
        await Assert.ThrowsAsync<UserErrorException>(() => new LabRun(lab, new LabRunTests.FakeTarget(15), executor,
            new LabRunOptions { Consent = Consent.Shell }).StartAsync(CancellationToken.None));
        Assert.Empty(executor.Commands);

        await new LabRun(lab, new LabRunTests.FakeTarget(15), executor, new LabRunOptions { SetupConsent = Consent.ServerProgram }).StartAsync(CancellationToken.None);
        Assert.Equal(["COPY (SELECT 1) TO PROGRAM 'id';"], executor.Commands);
    }

    [Fact]
    public async Task The_executor_refuses_SQL_that_runs_a_program_when_the_call_grants_no_consent()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var executor = new StepExecutor(fx.Sandbox);

        await Assert.ThrowsAsync<ShellNotAllowedException>(() =>
            executor.ExecuteAsync(new SqlAction("COPY (SELECT 1) TO PROGRAM 'id';") { Database = db }, Consent.Shell, null, null, CancellationToken.None));
        var read = await executor.ExecuteAsync(new SqlAction("SELECT 1 AS one;") { Database = db }, Consent.None, null, null, CancellationToken.None);
        Assert.Equal(StepOutcome.Completed, read.Outcome);
    }
}

/// <summary>The TUI asks before SQL that runs a program, says what it does, and sends the yes with that one request.</summary>
public sealed class ProgramConsentScreenTests
{
    [Fact]
    public void F5_on_SQL_that_runs_a_program_asks_first_and_says_why()
    {
        var copy = "COPY (SELECT 1) TO PROGRAM 'id';";
        var lab = new Lab
        {
            Id = "l", Title = "L",
            Tasks = [new LabTask { Id = "t", Title = "T", Steps = [new Step { Id = "s", Title = "S", Action = new SqlAction(copy) }] }],
        };
        var runner = new LabRunner.Tests.Tui.ScriptedRunner();
        using var h = new LabRunner.Tests.Tui.ScreenHarness(lab, runner, width: 120, height: 40);

        h.Press(Terminal.Gui.Input.Key.F5);

        Assert.Equal(LabRunner.Tui.QuestionKind.ShellConsent, h.Session.Pending?.Kind);
        Assert.Contains("Let the server run a program?", h.Text);
        Assert.Contains("COPY … TO PROGRAM runs a program on the database server", h.Session.Pending!.Message);
        Assert.Empty(runner.Requests);
        h.Press(Terminal.Gui.Input.Key.Enter); // allow once
        h.WaitUntil(() => !h.Session.IsBusy && runner.Requests.Count == 1);
        Assert.True(runner.Requests[0].AllowShell);
        Assert.Equal(copy, runner.Requests[0].Action.Command);
    }

    [Fact]
    public void On_a_spanish_screen_the_reason_is_spanish_with_the_SQL_as_written()
    {
        var lab = new Lab
        {
            Id = "l", Title = "L", Language = "es",
            Tasks = [new LabTask { Id = "t", Title = "T", Steps = [new Step { Id = "s", Title = "S", Action = new SqlAction("SELECT 1;\nCOPY (SELECT 1) TO PROGRAM 'id';") }] }],
        };
        using var h = new LabRunner.Tests.Tui.ScreenHarness(lab, new LabRunner.Tests.Tui.ScriptedRunner(), width: 120, height: 40, text: new LabRunner.Text.SpanishCatalogue());

        h.Press(Terminal.Gui.Input.Key.F5);

        var message = h.Session.Pending!.Message;
        Assert.Contains("línea 2: COPY … TO PROGRAM hace que el servidor ejecute un programa", message);
        Assert.DoesNotContain("runs a program", message);
    }

    [Fact]
    public void What_runs_before_the_first_step_is_said_in_the_interfaces_language()
    {
        var lab = new Lab
        {
            Id = "l", Title = "L",
            Server = new ServerRequirements { Settings = new Dictionary<string, string> { ["archive_command"] = "cp %p /x/%f" }, Setup = "SELECT lo_export(1, '/tmp/x');" },
            Tasks = [new LabTask { Id = "t", Title = "T", Steps = [new Step { Id = "s", Title = "S", Action = new SqlAction("SELECT 1;") }] }],
        };
        var byPlace = ConsentRules.BeforeStepsByPlace(lab);

        Assert.Equal(["server setting archive_command makes the server run a program",
            "setup SQL line 1: lo_export() writes '/tmp/x' on the database server"], byPlace.Select(n => LabRunner.Text.Catalogue.English.SetupNeed(n.Place, n.Effects)));
        Assert.Equal(ConsentRules.BeforeSteps(lab), byPlace.Select(n => LabRunner.Text.Catalogue.English.SetupNeed(n.Place, n.Effects)));
        Assert.Equal(["parámetro del servidor archive_command hace que el servidor ejecute un programa",
            "SQL de preparación línea 1: lo_export(…, '/tmp/x') escribe un archivo en la máquina del servidor"],
            byPlace.Select(n => new LabRunner.Text.SpanishCatalogue().SetupNeed(n.Place, n.Effects)));
    }
}
