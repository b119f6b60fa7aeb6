using LabRunner.Running;

namespace LabRunner.Grading;

/// <summary>
/// What grading found on one student's database: every check's result and score, and the grade per task.
/// <see cref="Unreachable"/> says why the database could not be graded at all (then every check is an error, 0 points).
/// </summary>
public sealed record StudentGrade(GradeTarget Target, RunSummary Summary, IReadOnlyList<TaskGrade> Tasks, IReadOnlyList<CheckGrade> Checks)
{
    public string Student => Target.Student;
    public double Points => Tasks.Sum(t => t.Points);
    public double MaxPoints => Tasks.Sum(t => t.MaxPoints);
    public string? Unreachable { get; init; }
    /// <summary>Every task passed in full.</summary>
    public bool Passed => Tasks.All(t => t.Passed);
}
