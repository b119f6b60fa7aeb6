using System.Text.Json;
using System.Text.Json.Serialization;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Reports;

/// <summary>The JSON report: the lab, the counts, and per step task, step, status, message, actual, expected, duration (seconds).</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public sealed record Document(
        [property: JsonPropertyName("lab")] string Lab,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("passed")] int Passed,
        [property: JsonPropertyName("failed")] int Failed,
        [property: JsonPropertyName("skipped")] int Skipped,
        [property: JsonPropertyName("steps")] IReadOnlyList<StepEntry> Steps)
    {
        [JsonPropertyName("not_compared")] public int NotCompared { get; init; }
        [JsonPropertyName("manual")] public int Manual { get; init; }
    }

    public sealed record StepEntry(
        [property: JsonPropertyName("task")] string Task,
        [property: JsonPropertyName("step")] string Step,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("status")] string Status,
        [property: JsonPropertyName("message")] string Message,
        [property: JsonPropertyName("actual")] string? Actual,
        [property: JsonPropertyName("expected")] string? Expected,
        [property: JsonPropertyName("duration")] double Duration,
        [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes,
        [property: JsonPropertyName("diff")] string? Diff);

    public static string Render(RunSummary summary) => JsonSerializer.Serialize(ToDocument(summary), Options) + "\n";

    public static Document ToDocument(RunSummary s) => new(s.LabId, s.LabTitle, s.Passed, s.Failed, s.Skipped,
        s.Entries.Select(e => new StepEntry(e.Task, e.Step, e.Kind.ToString().ToLowerInvariant(), Catalogue.English.Status(e.Status),
            Catalogue.English.Say(e.Verdict), e.Actual, e.Expected, Math.Round(e.Duration.TotalSeconds, 3), Catalogue.English.Notes(e.Verdict),
            e.Verdict.Diff)).ToList()) { NotCompared = s.NotCompared, Manual = s.Manual };

    public static Document? Parse(string json) => JsonSerializer.Deserialize<Document>(json, Options);
}
