using LabRunner.Running;

namespace LabRunner.Grading;

/// <summary>How `grade` goes over a class: how many databases at once, and how long a connection or a check may take.</summary>
public sealed record GradeOptions
{
    public LabRunFilter Filter { get; init; } = new(null);
    public int Parallel { get; init; } = 4;
    /// <summary>Connecting to one student's database; a server that does not answer in time is that student's error.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>One check's statements (a check's own `timeout:` wins).</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromSeconds(60);
}
