using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Markdown;

/// <summary>
/// The seed Markdown, run as `labrunner check` runs a lab (fresh sandbox with the lab's settings, shell allowed), gives
/// the same verdict on every step as the bundled YAML — and they all pass.
/// </summary>
[Collection(SandboxCollection.Name)]
public class SeedCheckTests
{
    private static async Task<List<(string Where, VerdictStatus Status, string Message)>> RunAsync(string labPath)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        var ct = timeout.Token;
        var lab = await new LabSources(null).LoadAsync(labPath, ct);
        await using var target = await ServerTargets.OpenAsync(new TargetOptions { HonourPgEnvironment = false, SandboxRoot = TestPaths.SandboxRoot }, lab.Server, ct);
        var execution = new ExecutionOptions { AllowShell = true };
        await using var executor = new StepExecutor(target, lab.Variables, execution);
        var run = new LabRun(lab, target, executor, new LabRunOptions { Execution = execution });
        var results = await run.RunAllAsync(null, ct);
        return results.Where(r => r.Kind == StepKind.Step)
            .Select(r => ($"{r.Task.Title[..8]} {r.Step.Title}", r.Verdict.Status, r.Verdict.Message)).ToList();
    }

    [Fact]
    public async Task Check_gives_the_same_verdicts_for_the_seed_markdown_and_the_bundled_yaml()
    {
        var fromMarkdown = await RunAsync(Path.Combine(CorpusTests.Directory, "respaldo-autovacuum.md"));
        var fromYaml = await RunAsync(Path.Combine(TestPaths.RepoRoot, "Labs", "respaldo-autovacuum", "lab.yaml"));

        string Show(IEnumerable<(string Where, VerdictStatus Status, string Message)> v) => string.Join("\n", v.Select(x => $"  {x.Where}: {x.Status} {x.Message}"));
        Assert.True(fromMarkdown.Select(v => (v.Where, v.Status)).SequenceEqual(fromYaml.Select(v => (v.Where, v.Status))),
            $"markdown:\n{Show(fromMarkdown)}\nyaml:\n{Show(fromYaml)}");
        Assert.True(fromMarkdown.All(v => v.Status == VerdictStatus.Passed), Show(fromMarkdown));
        Assert.Equal(8, fromMarkdown.Count);
    }
}
