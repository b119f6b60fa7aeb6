using LabRunner.Checking;

namespace LabRunner.Grading;

/// <summary>
/// One student's grade on one task: passed when every check of the task passed; otherwise the worst status of its checks,
/// with the points its passing checks earned (partial credit). A task that did not pass names the check that decided its
/// status and that check's verdict (data: the catalogue words it).
/// </summary>
public sealed record TaskGrade(string Student, string Task, VerdictStatus Status, double Points, double MaxPoints)
{
    public bool Passed => Status == VerdictStatus.Passed;
    /// <summary>How many checks the task had.</summary>
    public int Checks { get; init; }
    public string? WorstCheck { get; init; }
    public Verdict? WorstVerdict { get; init; }
}
