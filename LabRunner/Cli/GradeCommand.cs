using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using LabRunner.Checking;
using LabRunner.Reports;
using LabRunner.Grading;
using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Authoring;
using LabRunner.Text;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner grade LAB --targets FILE`: runs only the lab's task checks against every student's database, read-only
/// (each check vetted and run in its own read-only transaction; no setup, no steps, no shell), several targets at once.
/// An unreachable target gets error rows and never stops the others. Ctrl+C writes the reports of the students graded so
/// far. Exit 0 when every task of every student passed, 1 when any did not, 2 for usage or environment problems (bad lab,
/// bad targets file), 130 when interrupted.
/// </summary>
public static class GradeCommand
{
    public static Command Create(TextWriter output, TextWriter errors)
    {
        var lab = new Argument<string>("LAB") { Description = "A catalog id, a lab YAML file or a Markdown lab file." };
        var targetsFile = new Option<string>("--targets") { Description = "YAML or CSV listing student and connection string.", Required = true };
        var csv = new Option<string?>("--csv") { Description = "Write the grade sheet as CSV: a row a student (points, max_points), a column a check." };
        var reports = new Option<string[]>("--report") { Description = "Write a report: junit:PATH, json:PATH, gradescope:PATH (a results.json for one student, or a folder of STUDENT/results.json)." };
        var feedback = new Option<string?>("--feedback") { Description = "Write each student's feedback to this folder: STUDENT.md and STUDENT.html." };
        var parallel = new Option<int>("--parallel") { Description = "Targets graded at once.", DefaultValueFactory = _ => 4 };
        var task = new Option<string?>("--task") { Description = "Grade only this task (its id)." };
        var connectTimeout = new Option<double>("--connect-timeout") { Description = "Seconds to wait for each student's server to answer.", DefaultValueFactory = _ => 10 };
        var statementTimeout = new Option<double>("--statement-timeout") { Description = "Seconds a check may run (a check's own timeout wins).", DefaultValueFactory = _ => 60 };
        var command = new Command("grade", "Run a lab's checks read-only against students' databases; print and write the grades and feedback.");
        command.Arguments.Add(lab);
        command.Options.Add(LabOptions.Catalog);
        foreach (var option in new Option[] { targetsFile, csv, reports, feedback, parallel, task, connectTimeout, statementTimeout })
            command.Options.Add(option);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var wanted = ReportTargets.Parse(parse.GetValue(reports), allowGradescope: true);
            if (parse.GetValue(connectTimeout) <= 0 || parse.GetValue(statementTimeout) <= 0)
                throw new UserErrorException("--connect-timeout and --statement-timeout take a number of seconds above 0");
            var loaded = await LabSources.Open(parse.GetValue(LabOptions.Catalog)).LoadAsync(parse.GetValue(lab)!, ct);
            var targets = GradeTargets.Load(parse.GetValue(targetsFile)!);
            if (wanted.Gradescope.Any(p => p.EndsWith(".json", StringComparison.OrdinalIgnoreCase)) && targets.Count > 1)
                throw new UserErrorException("--report gradescope:FILE.json takes one student; for a class name a folder (gradescope:DIR)");
            var options = new GradeOptions
            {
                Filter = new LabRunFilter(parse.GetValue(task)),
                Parallel = parse.GetValue(parallel),
                ConnectTimeout = TimeSpan.FromSeconds(parse.GetValue(connectTimeout)),
                StatementTimeout = TimeSpan.FromSeconds(parse.GetValue(statementTimeout)),
            };
            var feedbackDir = parse.GetValue(feedback);
            var graded = new ConcurrentQueue<StudentGrade>();
            var progress = new GradeProgress(errors, targets.Count, terminal: ReferenceEquals(errors, Console.Error) && !Console.IsErrorRedirected);
            var interrupted = false;
            try
            {
                await Grader.GradeAsync(loaded, targets, options, e =>
                {
                    if (e is StudentGraded g)
                    {
                        // Written as each student is done: a long run's memory holds grades, not feedback texts.
                        if (feedbackDir is not null) WriteFeedback(loaded, g.Grade, feedbackDir);
                        graded.Enqueue(g.Grade);
                        progress.Graded(g.Grade);
                    }
                    else Report(errors, progress, e);
                }, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                interrupted = true;
            }

            // In the targets file's order, whatever order they finished in.
            var order = targets.Select((t, i) => (t.Student, i)).ToDictionary(x => x.Student, x => x.i);
            var grades = graded.OrderBy(g => order[g.Student]).ToList();
            await WriteTableAsync(output, grades);
            await WriteReportsAsync(loaded, grades, parse.GetValue(csv), wanted, CancellationToken.None);
            if (interrupted)
            {
                await errors.WriteLineAsync($"labrunner: interrupted: wrote the grades of the {grades.Count} of {targets.Count} students graded so far");
                return ExitCodes.Interrupted;
            }
            return grades.All(g => g.Passed) ? ExitCodes.Ok : ExitCodes.ChecksFailed;
        }));
        return command;
    }

    private static void WriteFeedback(Lab lab, StudentGrade grade, string folder)
    {
        Directory.CreateDirectory(folder);
        var name = FileName(grade.Student);
        var markdown = StudentFeedback.Markdown(lab, grade);
        AtomicFile.Write(Path.Combine(folder, name + ".md"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(markdown)));
        var html = StudentFeedback.Html(lab, markdown);
        AtomicFile.Write(Path.Combine(folder, name + ".html"), s => s.Write(System.Text.Encoding.UTF8.GetBytes(html)));
    }

    /// <summary>A student's name as a file name: letters, digits, '.', '-' and '_' kept, the rest '_'.</summary>
    internal static string FileName(string student)
    {
        var name = new string(student.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_').ToArray()).TrimStart('.');
        return name.Length == 0 ? "_" : name;
    }

    private static async Task WriteReportsAsync(Lab lab, List<StudentGrade> grades, string? csv, ReportTargets wanted, CancellationToken ct)
    {
        if (csv is not null) await AtomicFile.WriteAllTextAsync(csv, GradeCsv.Render(grades), ct);
        foreach (var path in wanted.JUnit)
            await AtomicFile.WriteAllTextAsync(path, JUnitReport.Render(grades.Select(g => (g.Student + ".", g.Summary)), DateTimeOffset.UtcNow), ct);
        foreach (var path in wanted.Json)
            await AtomicFile.WriteAllTextAsync(path, GradeJson.Render(lab.Id, lab.Title, grades), ct);
        foreach (var path in wanted.Gradescope)
        {
            if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                if (grades.Count == 1) await AtomicFile.WriteAllTextAsync(path, GradescopeResults.Render(lab, grades[0]), ct);
                continue;
            }
            foreach (var g in grades)
            {
                Directory.CreateDirectory(Path.Combine(path, FileName(g.Student)));
                await AtomicFile.WriteAllTextAsync(Path.Combine(path, FileName(g.Student), "results.json"), GradescopeResults.Render(lab, g), ct);
            }
        }
    }

    private static void Report(TextWriter errors, GradeProgress progress, GradingEvent e)
    {
        var line = e switch
        {
            GradingStarted { Superuser: true } s =>
                $"warning: {s.Target.Student}: connected as the superuser \"{s.User}\"; checks are vetted and run read-only, but a superuser " +
                "can do anything on the server: grade with a role that can only read (GRANT pg_read_all_data TO grader; see README)",
            GradingUnreachable u => $"{u.Target.Student}: {u.Why}",
            _ => null,
        };
        if (line is null) return;
        progress.BeforeLine();
        lock (errors) errors.WriteLine(line);
    }

    private static async Task WriteTableAsync(TextWriter output, List<StudentGrade> grades)
    {
        var rows = grades.SelectMany(g => g.Tasks).ToList();
        int ws = Math.Max(7, rows.Select(r => r.Student.Length).DefaultIfEmpty().Max());
        int wt = Math.Max(4, rows.Select(r => r.Task.Length).DefaultIfEmpty().Max());
        await output.WriteLineAsync($"{"STUDENT".PadRight(ws)}  {"TASK".PadRight(wt)}  {"VERDICT",-7}  POINTS  MESSAGE");
        foreach (var r in rows)
            await output.WriteLineAsync($"{r.Student.PadRight(ws)}  {r.Task.PadRight(wt)}  {Catalogue.English.Status(r.Status),-7}  " +
                $"{Points(r.Points, r.MaxPoints),6}  {Catalogue.English.Say(r)}");
        if (grades.Count > 0)
        {
            await output.WriteLineAsync();
            foreach (var g in grades) await output.WriteLineAsync($"{g.Student.PadRight(ws)}  total {Points(g.Points, g.MaxPoints)}");
        }
        await output.WriteLineAsync(SummaryTable.CountLine(rows.Count(r => r.Passed),
            rows.Count(r => r.Status is VerdictStatus.Failed or VerdictStatus.Error), rows.Count(r => r.Status is VerdictStatus.Skipped or VerdictStatus.NotRun)));
    }

    private static string Points(double points, double max) =>
        points.ToString("0.##", CultureInfo.InvariantCulture) + "/" + max.ToString("0.##", CultureInfo.InvariantCulture);
}
