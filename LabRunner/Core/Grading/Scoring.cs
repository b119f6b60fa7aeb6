using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Running;

namespace LabRunner.Grading;

/// <summary>
/// Points from verdicts. A check's weight is its `points:` (1 by default); a task is worth its own `points:` when given,
/// shared among its checks by weight, else the sum of the weights. A check earns its share only when it passed.
/// </summary>
public static class Scoring
{
    /// <summary>How much of a student's result a grade keeps (for feedback): enough to see, bounded for 300 students.</summary>
    public const int MaxShownChars = 4000;

    public static IEnumerable<LabTask> GradedTasks(Lab lab, LabRunFilter filter) =>
        lab.Tasks.Where(t => t.Checks.Count > 0 && (filter.TaskId is null || t.Id == filter.TaskId));

    /// <summary>The check's share of its task's points.</summary>
    public static double MaxPoints(LabTask task, Step check)
    {
        var weights = task.Checks.Sum(c => c.Points ?? 1);
        return weights == 0 ? 0 : task.MaxPoints * (check.Points ?? 1) / weights;
    }

    public static IReadOnlyList<CheckGrade> CheckGrades(Lab lab, RunSummary summary, LabRunFilter filter)
    {
        var grades = new List<CheckGrade>();
        foreach (var task in GradedTasks(lab, filter))
            foreach (var check in task.Checks)
            {
                var entry = summary.Entries.FirstOrDefault(e => e.Task == task.Id && e.Step == check.Id);
                var verdict = entry?.Verdict ?? Verdict.Skip(new CouldNotRun("the check did not run"));
                var max = MaxPoints(task, check);
                grades.Add(new CheckGrade(task.Id, check.Id, check.Title, verdict, verdict.Status == VerdictStatus.Passed ? max : 0, max)
                {
                    Actual = Shorten(entry?.Actual),
                    Expected = Shorten(entry?.Expected),
                });
            }
        return grades;
    }

    /// <summary>A task passes when all its checks pass; otherwise it takes the worst status of its checks.</summary>
    public static IReadOnlyList<TaskGrade> TaskGrades(Lab lab, string student, IReadOnlyList<CheckGrade> checks, LabRunFilter filter) =>
        GradedTasks(lab, filter).Select(task =>
        {
            var mine = checks.Where(c => c.Task == task.Id).ToList();
            var worst = mine.FirstOrDefault(e => e.Status == VerdictStatus.Error)
                ?? mine.FirstOrDefault(e => e.Status == VerdictStatus.Failed)
                ?? mine.FirstOrDefault(e => e.Status != VerdictStatus.Passed);
            return new TaskGrade(student, task.Id, worst?.Status ?? VerdictStatus.Passed, mine.Sum(c => c.Points), task.MaxPoints)
            {
                Checks = mine.Count,
                WorstCheck = worst?.Check,
                WorstVerdict = worst?.Verdict,
            };
        }).ToList();

    public static string? Shorten(string? text) =>
        text is null || text.Length <= MaxShownChars ? text : text[..MaxShownChars] + "\n…";
}
