using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Psql;

namespace LabRunner.Running;

/// <summary>
/// Checks proven to check (--prove): on a fresh server, each task's checks run on the starting state (before the task's
/// steps: they must fail — a check that passes before the student did anything checks nothing) and after the steps
/// (they must pass). Besides, every step whose expected panel an empty result satisfies (it would pass a student whose
/// query found nothing).
/// </summary>
public static class LabProof
{
    /// <summary>Proves every task's checks, or those of --task/--step (the tasks before it still run, to reach its starting state).</summary>
    public static async Task<IReadOnlyList<ProofFinding>> RunAsync(Lab lab, TargetOptions target, LabRunOptions options, EventHandler<RunEvent>? observe,
        LabRunFilter? filter, CancellationToken ct)
    {
        var findings = new List<ProofFinding>();
        await using (var server = await LabServers.OpenAsync(target, lab.Server, ct))
        await using (var executor = new StepExecutor(server, options.Execution))
        {
            var run = new LabRun(lab, server, executor, options);
            if (observe is not null) run.Event += observe;
            await run.StartAsync(ct);
            foreach (var task in lab.Tasks)
            {
                if (!Selected(filter, task))
                {
                    if (filter?.TaskId is { } wanted && lab.Tasks.TakeWhile(t => t.Id != wanted).Contains(task))
                        await run.RunAllAsync(new LabRunFilter(task.Id), ct); // the selected task starts from here
                    continue;
                }
                var before = task.Checks.Count == 0 ? [] : await run.RunChecksAsync(new LabRunFilter(task.Id), ct);
                var after = await run.RunAllAsync(new LabRunFilter(task.Id), ct);
                foreach (var check in task.Checks.Where(c => filter?.StepId is null || c.Id == filter.StepId))
                {
                    var was = before.First(r => r.Step.Id == check.Id);
                    var now = after.Last(r => r.Step.Id == check.Id && r.Kind == StepKind.Check);
                    findings.Add(was.Verdict.Status == VerdictStatus.Passed ? new ProofFinding(ProofKind.CannotFail, task, check, was)
                        : now.Verdict.Status != VerdictStatus.Passed ? new ProofFinding(ProofKind.DoesNotPass, task, check, now)
                        : new ProofFinding(ProofKind.Proven, task, check, now));
                }
            }
        }
        foreach (var task in lab.Tasks.Where(t => Selected(filter, t)))
            foreach (var step in task.Steps.Concat(task.Checks).Where(s => filter?.StepId is null || s.Id == filter.StepId))
                if (EmptyResultPasses(step))
                    findings.Add(new ProofFinding(ProofKind.EmptyResultPasses, task, step, null));
        return findings;
    }

    private static bool Selected(LabRunFilter? filter, LabTask task) => filter?.TaskId is null || filter.TaskId == task.Id;

    /// <summary>Whether the step's expected tables (panel or rows) are met by the same columns with no row at all.</summary>
    public static bool EmptyResultPasses(Step step)
    {
        if (step.Expect is not { } expect || step.Action is not SqlAction || expect.ErrorSqlState is not null) return false;
        IReadOnlyList<ExpectedTable> tables = expect.Panel is { } panel
            ? ExpectedPanel.Parse(panel).Tables.ToList()
            : expect.Columns is { } columns ? [new ExpectedTable(columns, [])] : [];
        if (tables.Count == 0) return false;
        var results = tables.Select(t => (StatementResult)new ResultSet(
            t.Columns.Select(c => new ResultColumn(c, "text", false)).ToList(), [], 0, "")).ToList();
        var output = new StepOutput(string.Concat(results.Select(r => PsqlFormatter.Format(r))), results, StepOutcome.Completed, TimeSpan.Zero);
        return ExpectationChecker.Check(step.Action, expect, output).Status == VerdictStatus.Passed;
    }
}

public enum ProofKind { Proven, CannotFail, DoesNotPass, EmptyResultPasses }

/// <summary>What --prove found for one check (or step): its result on the state that decided it, when it ran.</summary>
public sealed record ProofFinding(ProofKind Kind, LabTask Task, Step Step, StepResult? Result);
