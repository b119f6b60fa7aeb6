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
        /// <summary>Steps that ran without error with nothing expected of them (never counted in passed).</summary>
        [JsonPropertyName("ran")] public int Ran { get; init; }
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
        [property: JsonPropertyName("diff")] string? Diff)
    {
        /// <summary>A watched step's samples; absent for other steps.</summary>
        [JsonPropertyName("series")]
        [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
        public SeriesEntry? Series { get; init; }
    }

    public sealed record SeriesEntry(
        [property: JsonPropertyName("columns")] IReadOnlyList<string> Columns,
        [property: JsonPropertyName("marker")] string? Marker,
        [property: JsonPropertyName("threshold")] double? Threshold,
        [property: JsonPropertyName("marker_changed_at")] double? MarkerChangedAt,
        [property: JsonPropertyName("samples")] IReadOnlyList<SampleEntry> Samples);

    public sealed record SampleEntry(
        [property: JsonPropertyName("t")] double At,
        [property: JsonPropertyName("values")] IReadOnlyList<double?> Values,
        [property: JsonPropertyName("marker_changed")] bool MarkerChanged);

    private static SeriesEntry? SeriesOf(WatchSeries? s) => s is null ? null : new(s.Columns, s.Marker, s.Threshold,
        s.MarkerChangedAt is { } at ? Math.Round(at.TotalSeconds, 3) : null,
        s.Samples.Select(x => new SampleEntry(Math.Round(x.At.TotalSeconds, 3), x.Values, x.MarkerChanged)).ToList());

    public static string Render(RunSummary summary) => JsonSerializer.Serialize(ToDocument(summary), Options) + "\n";

    public static Document ToDocument(RunSummary s) => new(s.LabId, s.LabTitle, s.Passed, s.Failed, s.Skipped,
        s.Entries.Select(e => new StepEntry(e.Task, e.Step, e.Kind.ToString().ToLowerInvariant(), Catalogue.English.Status(e.Status),
            Catalogue.English.Say(e.Verdict), e.Actual, e.Expected, Math.Round(e.Duration.TotalSeconds, 3), Catalogue.English.Notes(e.Verdict),
            e.Verdict.Diff) { Series = SeriesOf(e.Series) }).ToList()) { NotCompared = s.NotCompared, Manual = s.Manual, Ran = s.Ran };

    public static Document? Parse(string json) => JsonSerializer.Deserialize<Document>(json, Options);
}
