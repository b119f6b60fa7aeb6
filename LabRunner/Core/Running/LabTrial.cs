using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Running;

/// <summary>
/// One whole run of a lab on a fresh server of its own, for the authors' tools (--versions, --repeat, --prove, --accept):
/// the server is opened for the lab, its steps run (those of --task/--step when given, as `check` runs them), and the
/// server is gone when the results come back.
/// </summary>
public static class LabTrial
{
    public static async Task<TrialResult> RunAsync(Lab lab, TargetOptions target, LabRunOptions options, EventHandler<RunEvent>? observe,
        LabRunFilter? filter, CancellationToken ct)
    {
        await using var server = await LabServers.OpenAsync(target, lab.Server, ct);
        await using var executor = new StepExecutor(server, options.Execution);
        var run = new LabRun(lab, server, executor, options);
        if (observe is not null) run.Event += observe;
        var results = await run.RunAllAsync(filter, ct);
        return new TrialResult(server.Version, server.MajorVersion, results);
    }
}

/// <summary>What one trial ran on (the server's version) and every step's result, in the lab's order.</summary>
public sealed record TrialResult(string Version, int MajorVersion, IReadOnlyList<StepResult> Results);
