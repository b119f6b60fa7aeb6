using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using LabRunner.Running;
using LabRunner.Tests.Labs;

namespace LabRunner.Tests.Running;

/// <summary>The bundled seed lab, run step by step on a real sandbox made from its own server section, passes.</summary>
public class SeedLabRunTests
{
    [Fact]
    public async Task Seed_lab_passes_every_step_and_check_on_a_sandbox()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var ct = timeout.Token;
        var lab = (await LabLoader.LoadFileAsync(LabFiles.Seed, ct)).Lab!;
        await using var target = await LabServers.OpenAsync(
            new TargetOptions { HonourPgEnvironment = false, SandboxRoot = TestPaths.SandboxRoot }, lab.Server, ct);
        await using var executor = new StepExecutor(target);
        var run = new LabRun(lab, target, executor, new LabRunOptions { Consent = ConsentRules.AllowShell });

        var results = await run.RunAllAsync(null, ct);

        Assert.Equal(16, results.Count);
        Assert.All(results, r => Assert.True(r.Verdict.Status == TestLabs.SeedVerdict(r.Step.Id),
            $"{r.Task.Id}/{r.Step.Id}: {r.Verdict.Status} {r.Verdict.Said()}\n{r.Verdict.Diff}"));
        Assert.Equal("SELECT pg_backup_start('backup1', false);", results[0].Action.Command);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(target.WorkDirectory, "archivo_wal"), "*.backup"));
        Assert.False(Directory.Exists(Path.Combine(target.WorkDirectory, "backup1")), "Tarea 3 removes the restored copy with its server");
    }
}
