using System.CommandLine;
using LabRunner.Checking;
using LabRunner.Reports;
using LabRunner.Grading;
using LabRunner.Running;
using LabRunner.Authoring;
using LabRunner.Text;

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
            var graded = await Grader.GradeAsync(loaded, targets, new LabRunFilter(parse.GetValue(task)), parse.GetValue(parallel),
                e => Report(errors, e), ct);

            var rows = graded.SelectMany(g => g.Tasks).ToList();
            await WriteTableAsync(output, rows);
            if (parse.GetValue(csv) is { } csvPath) await AtomicFile.WriteAllTextAsync(csvPath, GradeCsv.Render(rows), ct);
            foreach (var path in junit)
                await AtomicFile.WriteAllTextAsync(path, JUnitReport.Render(graded.Select(g => (g.Target.Student + ".", g.Summary)), DateTimeOffset.UtcNow), ct);
            return rows.All(r => r.Passed) ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        }));
        return command;
    }

    private static void Report(TextWriter errors, GradingEvent e)
    {
        var line = e switch
        {
            GradingStarted s => $"{s.Target.Student}: grading on {s.Server} (PostgreSQL {s.Version})",
            GradingUnreachable u => $"{u.Target.Student}: {u.Why}",
            _ => null,
        };
        if (line is not null) lock (errors) errors.WriteLine(line);
    }

    private static async Task WriteTableAsync(TextWriter output, List<TaskGrade> rows)
    {
        int ws = Math.Max(7, rows.Select(r => r.Student.Length).DefaultIfEmpty().Max());
        int wt = Math.Max(4, rows.Select(r => r.Task.Length).DefaultIfEmpty().Max());
        await output.WriteLineAsync($"{"STUDENT".PadRight(ws)}  {"TASK".PadRight(wt)}  {"VERDICT",-7}  POINTS  MESSAGE");
        foreach (var r in rows)
            await output.WriteLineAsync($"{r.Student.PadRight(ws)}  {r.Task.PadRight(wt)}  {Catalogue.English.Status(r.Status),-7}  " +
                $"{r.Points.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),6}  {Catalogue.English.Say(r)}");
        await output.WriteLineAsync(SummaryTable.CountLine(rows.Count(r => r.Passed),
            rows.Count(r => r.Status is VerdictStatus.Failed or VerdictStatus.Error), rows.Count(r => r.Status is VerdictStatus.Skipped or VerdictStatus.NotRun)));
    }
}
