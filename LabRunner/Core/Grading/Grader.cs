using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;

namespace LabRunner.Grading;

/// <summary>
/// Grades students' databases with a lab's task checks only (no setup, no steps, no shell), several targets at once. Each
/// check is vetted and runs in its own read-only transaction (<see cref="ReadOnlyChecks"/>). An unreachable database, or a
/// connection string that cannot be used, gets error grades and never stops the others.
/// </summary>
public static class Grader
{
    public static async Task<IReadOnlyList<StudentGrade>> GradeAsync(Lab lab, IReadOnlyList<GradeTarget> targets, LabRunFilter filter,
        int parallel, Action<GradingEvent>? observe, CancellationToken ct)
    {
        if (lab.Tasks.All(t => t.Checks.Count == 0))
            throw new UserErrorException($"lab {lab.Id} has no checks to grade with (tasks need `checks:`)");
        using var gate = new SemaphoreSlim(Math.Max(1, parallel));
        return await Task.WhenAll(targets.Select(async t =>
        {
            await gate.WaitAsync(ct);
            try { return await GradeOneAsync(lab, t, filter, observe, ct); }
            finally { gate.Release(); }
        }));
    }

    private static async Task<StudentGrade> GradeOneAsync(Lab lab, GradeTarget student, LabRunFilter filter,
        Action<GradingEvent>? observe, CancellationToken ct)
    {
        RunSummary summary;
        try
        {
            var server = await ExistingServer.ConnectAsync(student.Connection, null, ct);
            await using var target = new ReadOnlyTarget(server);
            observe?.Invoke(new GradingStarted(student, target.Description, target.Version, server.User, server.IsSuperuser));
            // No consent is given: grading never runs a shell step.
            var execution = new ExecutionOptions { StatementTimeout = TimeSpan.FromSeconds(60), PsqlLanguage = PsqlLanguage.Of(lab) };
            await using var checks = new ReadOnlyChecks(new StepExecutor(target, execution), [lab.Server.Database, target.Database]);
            var run = new LabRun(lab, target, checks, new LabRunOptions { Execution = execution, RunSetup = false, Consent = Consent.None });
            await run.RunChecksAsync(filter, ct);
            summary = run.Summary;
        }
        catch (Exception e) when (e is PostgresUnavailableException or Npgsql.NpgsqlException or IOException)
        {
            observe?.Invoke(new GradingUnreachable(student, e.Message));
            summary = Unreachable(lab, filter, e.Message);
        }
        return new StudentGrade(student, summary, TaskGrades(lab, student.Student, summary, filter).ToList());
    }

    private static RunSummary Unreachable(Lab lab, LabRunFilter filter, string why) =>
        new(lab.Id, lab.Title, lab.Tasks.Where(t => filter.TaskId is null || t.Id == filter.TaskId)
            .SelectMany(t => t.Checks.Select(c => new RunSummaryEntry(t.Id, c.Id, c.Title, StepKind.Check,
                Verdict.Error(new Unreachable(why)), null, null, TimeSpan.Zero)
            { Points = t.Points }))
            .ToList());

    /// <summary>A task passes when all its checks pass; otherwise it takes the worst status of its checks and no points.</summary>
    public static IEnumerable<TaskGrade> TaskGrades(Lab lab, string student, RunSummary summary, LabRunFilter filter)
    {
        foreach (var task in lab.Tasks.Where(t => t.Checks.Count > 0 && (filter.TaskId is null || t.Id == filter.TaskId)))
        {
            var entries = summary.Entries.Where(e => e.Task == task.Id).ToList();
            var worst = entries.FirstOrDefault(e => e.Status == VerdictStatus.Error)
                ?? entries.FirstOrDefault(e => e.Status == VerdictStatus.Failed)
                ?? entries.FirstOrDefault(e => e.Status is VerdictStatus.Skipped or VerdictStatus.NotRun);
            yield return new TaskGrade(student, task.Id, worst?.Status ?? VerdictStatus.Passed, worst is null ? task.Points : 0, task.Points)
            {
                Checks = entries.Count,
                WorstCheck = worst?.Step,
                WorstVerdict = worst?.Verdict,
            };
        }
    }
}

/// <summary>What the grader tells its observer (the CLI's stderr) about each student.</summary>
public abstract record GradingEvent(GradeTarget Target);
/// <param name="Superuser">The grader's role is a superuser: a check could do far more than read (the CLI warns).</param>
public sealed record GradingStarted(GradeTarget Target, string Server, string Version, string User, bool Superuser) : GradingEvent(Target);
public sealed record GradingUnreachable(GradeTarget Target, string Why) : GradingEvent(Target);
