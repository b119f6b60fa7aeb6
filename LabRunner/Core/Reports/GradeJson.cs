using System.Text.Json;
using System.Text.Json.Serialization;
using LabRunner.Grading;
using LabRunner.Text;

namespace LabRunner.Reports;

/// <summary>The class's grades as JSON for scripts: per student the points, per task and per check status, points and why.</summary>
public static class GradeJson
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Document(
        [property: JsonPropertyName("lab")] string Lab,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("students")] IReadOnlyList<Student> Students);

    public sealed record Student(
        [property: JsonPropertyName("student")] string Name,
        [property: JsonPropertyName("points")] double Points,
        [property: JsonPropertyName("max_points")] double MaxPoints,
        [property: JsonPropertyName("error")] string? Error,
        [property: JsonPropertyName("tasks")] IReadOnlyList<Task> Tasks,
        [property: JsonPropertyName("checks")] IReadOnlyList<Check> Checks);

    public sealed record Task(
        [property: JsonPropertyName("task")] string Id,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("points")] double Points,
        [property: JsonPropertyName("max_points")] double MaxPoints);

    public sealed record Check(
        [property: JsonPropertyName("task")] string Task,
        [property: JsonPropertyName("check")] string Id,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("points")] double Points,
        [property: JsonPropertyName("max_points")] double MaxPoints,
        [property: JsonPropertyName("message")] string Message);

    public static string Render(string labId, string labTitle, IEnumerable<StudentGrade> grades)
    {
        var words = Catalogue.English;
        var doc = new Document(labId, labTitle, grades.Select(g => new Student(g.Student, Round(g.Points), Round(g.MaxPoints), g.Unreachable,
            g.Tasks.Select(t => new Task(t.Task, words.Status(t.Status), Round(t.Points), Round(t.MaxPoints))).ToList(),
            g.Checks.Select(c => new Check(c.Task, c.Check, c.Title, words.Status(c.Status), Round(c.Points), Round(c.MaxPoints), words.Say(c.Verdict))).ToList()))
            .ToList());
        return JsonSerializer.Serialize(doc, Options) + "\n";
    }

    internal static double Round(double points) => Math.Round(points, 4);
}
