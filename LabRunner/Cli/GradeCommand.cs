using System.CommandLine;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Reports;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner grade LAB --targets FILE`: runs only the lab's task checks against every student's database, read-only
/// (default_transaction_read_only on every connection; no setup, no steps, no shell), several targets at once.
/// An unreachable target gets error rows and never stops the others. Exit 0 when every task of every student passed,
/// 1 when any did not, 2 for usage or environment problems (bad lab, bad targets file).
/// </summary>
public static class GradeCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var lab = new Argument<string>("LAB") { Description = "A catalog id, a lab YAML file or a Markdown lab file." };
        var targetsFile = new Option<string>("--targets") { Description = "YAML or CSV listing student and connection string.", Required = true };
        var csv = new Option<string?>("--csv") { Description = "Write the grades as CSV: student, task, verdict, points." };
        var reports = new Option<string[]>("--report") { Description = "Write a JUnit report: junit:PATH." };
        var parallel = new Option<int>("--parallel") { Description = "Targets graded at once.", DefaultValueFactory = _ => 4 };
        var task = new Option<string?>("--task") { Description = "Grade only this task (its id)." };
        var command = new Command("grade", "Run a lab's checks read-only against students' databases; print and write the grades.");
        command.Arguments.Add(lab);
        command.Options.Add(LabOptions.Catalog);
        command.Options.Add(targetsFile);
        command.Options.Add(csv);
        command.Options.Add(reports);
        command.Options.Add(parallel);
        command.Options.Add(task);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var junit = ReportTargets.Parse(parse.GetValue(reports), allowJson: false).JUnit;
            var loaded = await LabSources.Open(parse.GetValue(LabOptions.Catalog)).LoadAsync(parse.GetValue(lab)!, ct);
            var targets = GradeTargets.Load(parse.GetValue(targetsFile)!);
            var filter = new LabRunFilter(parse.GetValue(task));
            if (loaded.Tasks.All(t => t.Checks.Count == 0))
                throw new UserErrorException($"lab {loaded.Id} has no checks to grade with (tasks need `checks:`)");
            var width = Math.Max(1, parse.GetValue(parallel));

            using var gate = new SemaphoreSlim(width);
            var graded = await Task.WhenAll(targets.Select(async t =>
            {
                await gate.WaitAsync(ct);
                try { return await GradeOneAsync(loaded, t, filter, errors, ct); }
                finally { gate.Release(); }
            }));

            var rows = graded.SelectMany(g => GradeRows(loaded, g.Target.Student, g.Summary, filter)).ToList();
            await WriteTableAsync(output, rows);
            if (parse.GetValue(csv) is { } csvPath) await AtomicFile.WriteAllTextAsync(csvPath, GradeCsv.Render(rows), ct);
            foreach (var path in junit)
                await AtomicFile.WriteAllTextAsync(path, JUnitReport.Render(graded.Select(g => (g.Target.Student + ".", g.Summary)), DateTimeOffset.UtcNow), ct);
            return rows.All(r => r.Verdict == "passed") ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        }));
        return command;
    }

    private static async Task<(GradeTarget Target, RunSummary Summary)> GradeOneAsync(Lab lab, GradeTarget student, LabRunFilter filter,
        TextWriter errors, CancellationToken ct)
    {
        try
        {
            await using var target = new ReadOnlyTarget(await ExistingServer.ConnectAsync(student.Connection, null, ct));
            await errors.WriteLineAsync($"{student.Student}: grading on {target.Description} (PostgreSQL {target.Version})");
            var execution = new ExecutionOptions { AllowShell = false, StatementTimeout = TimeSpan.FromSeconds(60) };
            await using var executor = new StepExecutor(target, lab.Variables, execution);
            var run = new LabRun(lab, target, executor, new LabRunOptions { Execution = execution, RunSetup = false });
            await run.RunChecksAsync(filter, ct);
            return (student, run.Summary);
        }
        catch (Exception e) when (e is PostgresUnavailableException or Npgsql.NpgsqlException or IOException)
        {
            lock (errors) errors.WriteLine($"{student.Student}: {e.Message}");
            return (student, Unreachable(lab, filter, e.Message));
        }
    }

    private static RunSummary Unreachable(Lab lab, LabRunFilter filter, string why) =>
        new(lab.Id, lab.Title, lab.Tasks.Where(t => filter.TaskId is null || t.Id == filter.TaskId)
            .SelectMany(t => t.Checks.Select(c => new RunSummaryEntry(t.Id, c.Id, c.Title, StepKind.Check, VerdictStatus.Error,
                $"cannot reach the database: {why}", null, null, TimeSpan.Zero) { Points = t.Points }))
            .ToList());

    /// <summary>A task passes when all its checks pass; the worst status of its checks otherwise.</summary>
    private static IEnumerable<GradeRow> GradeRows(Lab lab, string student, RunSummary summary, LabRunFilter filter)
    {
        foreach (var task in lab.Tasks.Where(t => t.Checks.Count > 0 && (filter.TaskId is null || t.Id == filter.TaskId)))
        {
            var entries = summary.Entries.Where(e => e.Task == task.Id).ToList();
            var worst = entries.FirstOrDefault(e => e.Status == VerdictStatus.Error)
                ?? entries.FirstOrDefault(e => e.Status == VerdictStatus.Failed)
                ?? entries.FirstOrDefault(e => e.Status is VerdictStatus.Skipped or VerdictStatus.NotRun);
            var verdict = worst is null ? "passed" : StatusWords.Of(worst.Status);
            var message = worst is null ? $"{entries.Count} check{(entries.Count == 1 ? "" : "s")} passed" : $"{worst.Step}: {worst.Message}";
            yield return new GradeRow(student, task.Id, verdict, worst is null ? task.Points : 0, message);
        }
    }

    private static async Task WriteTableAsync(TextWriter output, List<GradeRow> rows)
    {
        int ws = Math.Max(7, rows.Select(r => r.Student.Length).DefaultIfEmpty().Max());
        int wt = Math.Max(4, rows.Select(r => r.Task.Length).DefaultIfEmpty().Max());
        await output.WriteLineAsync($"{"STUDENT".PadRight(ws)}  {"TASK".PadRight(wt)}  {"VERDICT",-7}  POINTS  MESSAGE");
        foreach (var r in rows)
            await output.WriteLineAsync($"{r.Student.PadRight(ws)}  {r.Task.PadRight(wt)}  {r.Verdict,-7}  {r.Points.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),6}  {r.Message}");
        await output.WriteLineAsync(SummaryTable.CountLine(rows.Count(r => r.Verdict == "passed"),
            rows.Count(r => r.Verdict is "failed" or "error"), rows.Count(r => r.Verdict is "skipped" or "not run")));
    }
}
