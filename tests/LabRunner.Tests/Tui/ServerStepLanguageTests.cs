using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// What LabRunner itself says in a step's output — a server step's refusal, a config edit's note, the marker of a shell
/// line cut at its length — is data from the real sandbox, worded on a Spanish screen in Spanish; the output that the
/// CLI and reports keep stays English. Before, these were English sentences on the Spanish screen.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ServerStepLanguageTests(SandboxFixture fx)
{
    private static Task<StepOutput> Run(StepExecutor executor, StepAction action, Consent consent = Consent.None) =>
        executor.ExecuteAsync(action, consent, null, null, CancellationToken.None);

    public static TheoryData<string, string, string> Steps => new()
    {
        { "start-on", "no es un directorio de datos de PostgreSQL (no tiene PG_VERSION)", "is not a PostgreSQL data directory" },
        { "bad-name", "nombre de servidor no válido \"mal nombre\"", "bad server name" },
        { "no-file", "/etc/postgresql/no-existe.conf: no existe ese archivo en el sandbox", "no such file in the sandbox" },
        { "edit", "(aplicado a /etc/postgresql/", "(applied to" },
        { "long-line", " [… 3616 caracteres omitidos]", "characters left out" },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public async Task A_spanish_screen_says_in_spanish_what_labrunner_adds_to_a_real_steps_output(string which, string spanish, string english)
    {
        await using var executor = new StepExecutor(fx.Sandbox);
        var conf = $"/etc/postgresql/{fx.Sandbox.MajorVersion}/main/lr-lang-{Guid.NewGuid():N}.conf";
        if (which == "edit") File.WriteAllText(fx.Sandbox.HostPath(conf), "");
        var output = await Run(executor, which switch
        {
            "start-on" => new ServerAction(ServerOperation.StartOn, "vacio") { DataDirectory = "/var/lib/postgresql/no-existe" },
            "bad-name" => new ServerAction(ServerOperation.Create, "mal nombre"),
            "no-file" => new EditAction("/etc/postgresql/no-existe.conf", "work_mem = '8MB'"),
            "edit" => new EditAction(conf, "work_mem = '8MB'"),
            _ => new ShellAction("head -c 20000 /dev/zero | tr '\\0' x; echo"),
        }, which == "long-line" ? Consent.Shell : Consent.None);
        if (which == "edit") File.Delete(fx.Sandbox.HostPath(conf));

        Assert.Contains(english, output.Text); // what the CLI and reports keep
        var runner = new ScriptedRunner(_ => new StepRunResult(output, output.Outcome == StepOutcome.Completed ? Verdict.Pass() : Verdict.Fail(new CouldNotRun("server step"))));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 140, height: 30, text: Catalogue.Spanish);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        var shown = ScreenText.Actual(h.Session, h.Session.Selected!).Text;

        Assert.Contains(spanish, shown);
        Assert.DoesNotContain(english, shown);
    }
}
