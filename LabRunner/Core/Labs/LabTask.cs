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
    /// <summary>Points for grading.</summary>
    public double Points { get; init; } = 1;
    public SourceLocation Location { get; init; } = SourceLocation.None;
}
