using System.Text.Json;
using System.Text.Json.Serialization;
using LabRunner.Grading;
using LabRunner.Labs;

namespace LabRunner.Reports;

/// <summary>
/// Gradescope's autograder results.json for one student: score, max_score, output, and a test a check with name, score,
/// max_score, output (the same words as the student's feedback file: the lab's `feedback:` decides what shows) and
/// visibility.
/// </summary>
public static class GradescopeResults
{
    public sealed record Document(
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("max_score")] double MaxScore,
        [property: JsonPropertyName("output")] string Output,
        [property: JsonPropertyName("visibility")] string Visibility,
        [property: JsonPropertyName("tests")] IReadOnlyList<Test> Tests);

    public sealed record Test(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("score")] double Score,
        [property: JsonPropertyName("max_score")] double MaxScore,
        [property: JsonPropertyName("output")] string Output,
        [property: JsonPropertyName("visibility")] string Visibility);

    public static string Render(Lab lab, StudentGrade grade)
    {
        var words = Text.Catalogue.For(lab.Language);
        var tests = grade.Checks.Select(c => new Test($"{c.Task}: {c.Title}", GradeJson.Round(c.Points), GradeJson.Round(c.MaxPoints),
            Output(lab, c, words), "visible")).ToList();
        var output = grade.Unreachable is { } why ? words.FeedbackNotGraded(why) : "";
        var doc = new Document(GradeJson.Round(grade.Points), GradeJson.Round(grade.MaxPoints), output, "visible", tests);
        return JsonSerializer.Serialize(doc, GradeJson.Options) + "\n";
    }

    private static string Output(Lab lab, CheckGrade c, Text.Catalogue words) => c.Passed || lab.Feedback == FeedbackLevel.Summary
        ? words.Status(c.Status)
        : words.Status(c.Status) + ": " + (lab.Feedback == FeedbackLevel.ExpectedValues ? words.Say(c.Verdict) : words.SayWithoutExpected(c.Verdict.Reason));
}
