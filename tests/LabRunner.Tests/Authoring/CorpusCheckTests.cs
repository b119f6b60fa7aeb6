using LabRunner.Cli;
using LabRunner.Reports;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Each corpus lab, read straight from its Markdown, passes `labrunner check --allow-shell` on a fresh sandbox, and the
/// steps that carry an expected result in the Markdown were compared against it: the import's sessions, databases,
/// variants, paths and attached panels are right, not only well-formed. (A step without an expectation passes when it
/// runs, so "0 failed" alone would also hold for an importer that dropped every panel.) The seed, which waits for
/// autovacuum, has its own test against the bundled lab.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class CorpusCheckTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-corpus-check-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The steps whose Markdown shows an expected result (task/step), lab by lab: read off the Markdown by hand
    /// (every Paso is a step, so step-N is Paso N; a Paso that only connects is a manual step and compares nothing).</summary>
    private static readonly Dictionary<string, string[]> Compared = new()
    {
        ["bloqueos-alice-bob.md"] = ["task-1/step-3", "task-2/step-1", "task-2/step-2", "task-2/step-3", "task-2/step-4"],
        ["imagenes.md"] = [],
        ["indexes-english.md"] = ["task-1/step-2", "task-2/step-2"],
        ["meta-comandos.md"] = ["task-1/step-2"],
        ["numbered-list.md"] = ["task-1/step-2"],
        ["numeracion-desordenada.md"] = [],
        ["respaldo-redhat.md"] = [],
        ["sin-resultado.md"] = [],
        ["sin-titulo.md"] = ["task-1/step-1"],
        ["step-headings-english.md"] = ["task-1/step-1", "task-1/step-2"],
        ["transacciones-dos-fases.md"] = ["task-1/step-3", "task-2/step-2"],
    };

    public static TheoryData<string> Labs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusTests.Directory, "*.md").Order())
            if (Path.GetFileName(file) != "respaldo-autovacuum.md") data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void Every_corpus_lab_says_which_steps_it_compares()
    {
        var labs = Directory.GetFiles(CorpusTests.Directory, "*.md").Select(Path.GetFileName).Where(n => n != "respaldo-autovacuum.md");
        Assert.Equal(labs.Order(), Compared.Keys.Order());
        Assert.True(Compared.Values.Sum(v => v.Length) >= 10);
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public async Task Corpus_lab_passes_check_on_a_fresh_sandbox_and_compares_every_expected_result(string name)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var report = Path.Combine(_dir, name + ".json");

        var code = await CliApp.RunAsync(["check", Path.Combine(CorpusTests.Directory, name), "--allow-shell",
            "--sandbox-root", TestPaths.SandboxRoot, "--report", "json:" + report], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{stdout}\n{stderr}");
        var steps = JsonReport.Parse(await File.ReadAllTextAsync(report))!.Steps;
        // Pasos with nothing to run are manual; prose or picture results are shown, not compared; Pasos with no expected
        // result ran: none of them counts as passed, and every passed step had something to compare.
        Assert.All(steps, s => Assert.Contains(s.Status, new[] { "passed", "ran", "manual", "not compared" }));
        Assert.All(steps.Where(s => s.Status == "ran"), s => Assert.Null(s.Expected));
        Assert.All(steps.Where(s => s.Status == "passed"), s => Assert.NotNull(s.Expected));
        var compared = steps.Where(s => s.Status == "passed" && s.Expected is not null).Select(s => $"{s.Task}/{s.Step}").ToList();
        Assert.Equal(Compared[name], compared);
        Assert.All(steps.Where(s => s.Expected is not null), s => Assert.DoesNotContain("no expected output", s.Message));
    }
}
