namespace LabRunner.Authoring.Markdown;

/// <summary>The kinds of Markdown elements the import accounts for.</summary>
public enum MapElement { Task, Step, Code, Expected, Text }

/// <summary>
/// What one element of the Markdown (lines <see cref="Line"/>..<see cref="EndLine"/>) became in the lab: a task, a step
/// (with its kind, sessions, server and database), a code block's role, an expected result and the step it checks, or
/// text kept for the student. <see cref="Task"/>/<see cref="Step"/> are the lab's ids (null when the element maps to
/// none, and <see cref="Note"/> says why).
/// </summary>
public sealed record ImportMapEntry(int Line, int EndLine, MapElement Element, string Kind, string? Task, string? Step, string Note)
{
    public IReadOnlyList<string> Sessions { get; init; } = [];
    public string? Server { get; init; }
    public string? Database { get; init; }
}
