using System.Text.Json.Serialization;
using LabRunner.Checking;

namespace LabRunner.Progress;

/// <summary>What a student has done in one lab, kept between sessions. Steps are keyed "taskId/stepId".</summary>
public sealed record LabProgress
{
    /// <summary>2: verdicts kept as data (reason and notes); 1: as an English sentence (still read).</summary>
    public const int CurrentFormat = 2;
    public const int SentenceFormat = 1;

    public int Format { get; init; } = CurrentFormat;
    public required string LabId { get; init; }
    public DateTimeOffset SavedAt { get; init; }
    /// <summary>The step the student had selected, so the next start opens there.</summary>
    public string? CurrentStep { get; init; }
    public IReadOnlyDictionary<string, StepRecord> Steps { get; init; } = new Dictionary<string, StepRecord>();

    [JsonIgnore]
    public bool IsEmpty => Steps.Count == 0;

    public static string StepKey(string taskId, string stepId) => $"{taskId}/{stepId}";
}

/// <summary>
/// One step's saved state: its last verdict (as data, so that it reads in the language of the session that shows it),
/// the student's own version of the command, whether the hint was shown.
/// </summary>
public sealed record StepRecord
{
    public VerdictStatus Status { get; init; } = VerdictStatus.NotRun;
    public VerdictReason? Reason { get; init; }
    public IReadOnlyList<VerdictNote> Notes { get; init; } = [];
    /// <summary>The verdict as an English sentence: only in files of <see cref="LabProgress.SentenceFormat"/>, never written now.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }
    /// <summary>Null when the student runs the lab's command unchanged.</summary>
    public string? EditedCommand { get; init; }
    public bool HintUsed { get; init; }
    /// <summary>How far the student went in the step's hints: 1 the nudge, 2 the solution command (0 in older files that only say HintUsed).</summary>
    public int HintLevel { get; init; }
    public DateTimeOffset? LastRun { get; init; }
}
