using LabRunner.Running;

namespace LabRunner.Grading;

/// <summary>What grading found on one student's database: every check's result, and the grade per task.</summary>
public sealed record StudentGrade(GradeTarget Target, RunSummary Summary, IReadOnlyList<TaskGrade> Tasks);
