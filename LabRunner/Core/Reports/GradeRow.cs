using System.Globalization;
using CsvHelper;

namespace LabRunner.Reports;

/// <summary>One student's verdict on one task: passed when every check of the task passed, with the points earned.</summary>
public sealed record GradeRow(string Student, string Task, string Verdict, double Points, string Message);

/// <summary>The grade CSV: student, task, verdict, points (and why, for the grader).</summary>
public static class GradeCsv
{
    public static string Render(IEnumerable<GradeRow> rows)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
        {
            csv.WriteHeader(["student", "task", "verdict", "points", "message"]);
            foreach (var r in rows)
                csv.WriteRecord([r.Student, r.Task, r.Verdict, r.Points.ToString("0.##", CultureInfo.InvariantCulture), r.Message]);
        }
        return text.ToString();
    }
}
