using System.Globalization;
using CsvHelper;
using LabRunner.Grading;
using LabRunner.Text;

namespace LabRunner.Reports;

/// <summary>The grade CSV: student, task, verdict, points (and why, for the grader).</summary>
public static class GradeCsv
{
    public static string Render(IEnumerable<TaskGrade> rows)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
        {
            csv.WriteHeader(["student", "task", "verdict", "points", "message"]);
            foreach (var r in rows)
                csv.WriteRecord([r.Student, r.Task, Catalogue.English.Status(r.Status), r.Points.ToString("0.##", CultureInfo.InvariantCulture),
                    Catalogue.English.Say(r)]);
        }
        return text.ToString();
    }
}
