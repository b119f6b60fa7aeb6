using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using Npgsql;

namespace LabRunner.Grading;

/// <summary>
/// Grades students' databases with a lab's task checks only (no setup, no steps, no shell), several targets at once. Each
/// check is vetted and runs in its own read-only transaction (<see cref="ReadOnlyChecks"/>). An unreachable database, a
/// connection string that cannot be used, or anything else going wrong with one student gets that student error grades
/// and never stops the others. Each student's grade is told to the observer as soon as it is known
/// (<see cref="StudentGraded"/>), so that an interrupted run still has what was graded.
/// </summary>
public static class Grader
{
    public static async Task<IReadOnlyList<StudentGrade>> GradeAsync(Lab lab, IReadOnlyList<GradeTarget> targets, GradeOptions options,
        Action<GradingEvent>? observe, CancellationToken ct)
    {
        if (lab.Tasks.All(t => t.Checks.Count == 0))
            throw new UserErrorException($"lab {lab.Id} has no checks to grade with (tasks need `checks:`)");
        using var gate = new SemaphoreSlim(Math.Max(1, options.Parallel));
        return await Task.WhenAll(targets.Select(async t =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var grade = await GradeOneAsync(lab, t, options, observe, ct);
                observe?.Invoke(new StudentGraded(t, grade));
                return grade;
            }
            finally { gate.Release(); }
        }));
    }

    private static async Task<StudentGrade> GradeOneAsync(Lab lab, GradeTarget student, GradeOptions options,
        Action<GradingEvent>? observe, CancellationToken ct)
    {
        RunSummary summary;
        string? unreachable = null;
        try
        {
            var server = await ExistingServer.ConnectAsync(WithConnectTimeout(student.Connection, options.ConnectTimeout), null, ct);
            await using var target = new ReadOnlyTarget(server);
            observe?.Invoke(new GradingStarted(student, target.Description, target.Version, server.User, server.IsSuperuser));
            // Every check goes to the read-only wall (ReadOnlyChecks), which refuses a shell check or SQL that runs programs
            // before it is sent, says why, and grants its own executor nothing: a skip here would hide the attempt.
            var execution = new ExecutionOptions { StatementTimeout = options.StatementTimeout, PsqlLanguage = PsqlLanguage.Of(lab) };
            await using var checks = new ReadOnlyChecks(new StepExecutor(target, execution), [lab.Server.Database, target.Database]);
            var run = new LabRun(lab, target, checks, new LabRunOptions { Execution = execution, RunSetup = false, Consent = ConsentRules.AllowShell });
            await run.RunChecksAsync(options.Filter, ct);
            summary = Bounded(run.Summary);
        }
        catch (Exception e) when (!(e is OperationCanceledException && ct.IsCancellationRequested))
        {
            // One broken database (unreachable, dropped mid-check, a protocol surprise) is that student's error alone.
            unreachable = e is PostgresUnavailableException or Npgsql.NpgsqlException or IOException or TimeoutException
                ? e.Message : $"{e.GetType().Name}: {e.Message}";
            observe?.Invoke(new GradingUnreachable(student, unreachable));
            summary = Unreachable(lab, options.Filter, unreachable);
        }
        var checkGrades = Scoring.CheckGrades(lab, summary, options.Filter);
        return new StudentGrade(student, summary, Scoring.TaskGrades(lab, student.Student, checkGrades, options.Filter), checkGrades)
        {
            Unreachable = unreachable,
        };
    }

    /// <summary>connect_timeout unless the grader's connection string sets one.</summary>
    private static string WithConnectTimeout(string connection, TimeSpan timeout)
    {
        NpgsqlConnectionStringBuilder builder;
        try { builder = ConnectionStrings.Parse(connection); }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException) { return connection; } // ConnectAsync says why
        if (builder.Timeout == new NpgsqlConnectionStringBuilder().Timeout)
            builder.Timeout = Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
        return builder.ConnectionString;
    }

    /// <summary>Keeps a student's summary small: results and diffs cut short (a class of 300 fits in little memory).</summary>
    private static RunSummary Bounded(RunSummary summary) => summary with
    {
        Entries = summary.Entries.Select(e => e with
        {
            Actual = Scoring.Shorten(e.Actual),
            Expected = Scoring.Shorten(e.Expected),
            Verdict = e.Verdict with { Diff = Scoring.Shorten(e.Verdict.Diff) },
        }).ToList(),
    };

    private static RunSummary Unreachable(Lab lab, LabRunFilter filter, string why) =>
        new(lab.Id, lab.Title, Scoring.GradedTasks(lab, filter)
            .SelectMany(t => t.Checks.Select(c => new RunSummaryEntry(t.Id, c.Id, c.Title, StepKind.Check,
                Verdict.Error(new Checking.Unreachable(why)), null, null, TimeSpan.Zero)
            { Points = t.MaxPoints }))
            .ToList());
}

/// <summary>What the grader tells its observer (the CLI's stderr, its progress line, its reports) about each student.</summary>
public abstract record GradingEvent(GradeTarget Target);
/// <param name="Superuser">The grader's role is a superuser: a check could do far more than read (the CLI warns).</param>
public sealed record GradingStarted(GradeTarget Target, string Server, string Version, string User, bool Superuser) : GradingEvent(Target);
public sealed record GradingUnreachable(GradeTarget Target, string Why) : GradingEvent(Target);
/// <summary>A student is graded (unreachable ones too): their grade, complete.</summary>
public sealed record StudentGraded(GradeTarget Target, StudentGrade Grade) : GradingEvent(Target);
