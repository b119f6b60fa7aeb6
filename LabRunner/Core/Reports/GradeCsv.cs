using System.Globalization;
using CsvHelper;
using LabRunner.Grading;

namespace LabRunner.Reports;

/// <summary>
/// The class's grade sheet: a row a student, their points and the maximum, then a column a check (TASK/CHECK: the points
/// that check earned), and why a database could not be graded at all. Spreadsheets and LMS imports read it as it is.
/// </summary>
public static class GradeCsv
{
    public static string Render(IReadOnlyList<StudentGrade> grades)
    {
        var columns = grades.SelectMany(g => g.Checks.Select(c => (c.Task, c.Check))).Distinct().ToList();
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
        {
            csv.WriteHeader(["student", "points", "max_points", .. columns.Select(c => $"{c.Task}/{c.Check}"), "error"]);
            foreach (var g in grades)
            {
                var byCheck = g.Checks.ToDictionary(c => (c.Task, c.Check));
                csv.WriteRecord([g.Student, Number(g.Points), Number(g.MaxPoints),
                    .. columns.Select(c => byCheck.TryGetValue(c, out var check) ? Number(check.Points) : ""),
                    g.Unreachable ?? ""]);
            }
        }
        return text.ToString();
    }

    /// <summary>Points as spreadsheets read them: a decimal point, up to 2 decimals.</summary>
    public static string Number(double points) => points.ToString("0.##", CultureInfo.InvariantCulture);
}
