using LabRunner.Checking;

namespace LabRunner.Grading;

/// <summary>
/// One check on one student's database: its verdict (data: the catalogue words it) and the points it earned of its share
/// of the task's points. <see cref="Actual"/> is the student's result, cut short (<see cref="Scoring.MaxShownChars"/>).
/// </summary>
public sealed record CheckGrade(string Task, string Check, string Title, Verdict Verdict, double Points, double MaxPoints)
{
    public VerdictStatus Status => Verdict.Status;
    public bool Passed => Status == VerdictStatus.Passed;
    public string? Actual { get; init; }
    public string? Expected { get; init; }
}
