namespace LabRunner.Labs;

/// <summary>A task of a lab ("Tarea 1"): an ordered list of steps, plus checks graders run on a student's database.</summary>
public sealed record LabTask
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>Markdown shown when the task is selected.</summary>
    public string? Text { get; init; }
    public required IReadOnlyList<Step> Steps { get; init; }
    /// <summary>Read-only checks of the state the task should leave (used by `grade`, and by `check` after the steps).</summary>
    public IReadOnlyList<Step> Checks { get; init; } = [];
    /// <summary>The task's points as the author wrote them (`points:`); null = the sum of its checks' points.</summary>
    public double? Points { get; init; }
    /// <summary>
    /// Earlier tasks whose results this one builds on (`needs:`): `check --task` runs their steps first, and `validate`
    /// warns when a task uses what another task made without saying so.
    /// </summary>
    public IReadOnlyList<string> Needs { get; init; } = [];
    /// <summary>
    /// What the task is worth: its own points when given (shared among its checks by their weights: partial credit), else
    /// the sum of its checks' points (1 a check by default), else 1 (a task without checks, as `check` counts it).
    /// </summary>
    public double MaxPoints => Points ?? (Checks.Count > 0 ? Checks.Sum(c => c.Points ?? 1) : 1);
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
