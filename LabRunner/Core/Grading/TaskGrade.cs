using LabRunner.Checking;

namespace LabRunner.Grading;

/// <summary>One student's grade on one task: passed when every check of the task passed, with the points earned.</summary>
public sealed record TaskGrade(string Student, string Task, VerdictStatus Status, double Points, double MaxPoints, string Message)
{
    public bool Passed => Status == VerdictStatus.Passed;
}
