using LabRunner.Cli;
using LabRunner.Reports;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// `labrunner check` on the seed Markdown (fresh sandbox, shell allowed) gives the same verdict on every step as on the
/// bundled YAML — and they pass.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SeedCheckTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("labrunner-seedcheck-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<(int Code, JsonReport.Document Report, string Errors)> CheckAsync(string lab, string name)
    {
        var report = Path.Combine(_root, name + ".json");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["check", lab, "--allow-shell", "--report", $"json:{report}", "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);
        Assert.True(File.Exists(report), $"check {name} wrote no report (exit {code}):\n{stderr}");
        return (code, JsonReport.Parse(File.ReadAllText(report))!, stderr.ToString());
    }

    [Fact]
    public async Task Check_gives_the_same_verdicts_for_the_seed_markdown_and_the_bundled_yaml()
    {
        var markdown = await CheckAsync(Path.Combine(CorpusTests.Directory, "respaldo-autovacuum.md"), "markdown");
        var yaml = await CheckAsync(Path.Combine(TestPaths.RepoRoot, "Labs", "respaldo-autovacuum", "lab.yaml"), "yaml");

        static List<JsonReport.StepEntry> Steps(JsonReport.Document d) => d.Steps.Where(s => s.Kind == "step").ToList();
        string Show(JsonReport.Document d) => string.Join("\n", d.Steps.Select(s => $"  {s.Task}/{s.Step} {s.Kind}: {s.Status} {s.Message}"));
        var why = $"markdown (exit {markdown.Code}):\n{Show(markdown.Report)}\n{markdown.Errors}\nyaml (exit {yaml.Code}):\n{Show(yaml.Report)}\n{yaml.Errors}";
        var md = Steps(markdown.Report);
        // The bundled lab adds what a restorable backup needs (#15): backup_label written (Tarea 1 Paso 4) and Tarea 3.
        var all = Steps(yaml.Report);
        var bundled = all.Where(s => s.Task != "verify-restore" && s.Step != "write-label").ToList();
        Assert.True(md.Count == 8 && bundled.Count == 8 && all.Count == 15, why);
        // The Markdown shows an expected result for few steps: the others ran. The bundled lab compares every step that
        // prints something, so a step ran in one is passed in the other, never failed.
        Assert.True(Enumerable.Range(0, 8).All(i => md[i].Status == bundled[i].Status || md[i].Status == "ran" && bundled[i].Status == "passed"), why);
        Assert.True(md.All(s => s.Status is "passed" or "ran") && md.Any(s => s.Status == "passed"), why);
        Assert.True(all.All(s => s.Status == (TestLabs.SeedStepsThatOnlyRun.Contains(s.Step) ? "ran" : "passed")), why);
    }
}
