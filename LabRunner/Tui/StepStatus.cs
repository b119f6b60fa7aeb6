using LabRunner.Checking;

namespace LabRunner.Tui;

/// <summary>A step's mark in the tree. Done: a manual step the student marked done, or a step that ran with nothing
/// expected of it (never "passed": nothing was compared). NotCompared: it ran; its expected result is words or a picture
/// to compare by eye.</summary>
public enum StepStatus { NotRun, Running, Passed, Failed, Error, Done, NotCompared }

/// <summary>The one mapping between verdicts and the tree's marks (kept, saved and shown alike).</summary>
public static class StepStatuses
{
    /// <summary>What a step keeps of a verdict; anything else (skipped, cancelled) leaves it not run.</summary>
    public static VerdictStatus Kept(VerdictStatus status) =>
        status is VerdictStatus.Passed or VerdictStatus.Failed or VerdictStatus.Error or VerdictStatus.NotCompared or VerdictStatus.Manual
            or VerdictStatus.Ran ? status : VerdictStatus.NotRun;

    /// <summary>Steps the student has done: passed, ran with nothing to compare, manual steps marked done, results compared by eye.</summary>
    public static bool IsDone(VerdictStatus status) =>
        status is VerdictStatus.Passed or VerdictStatus.Ran or VerdictStatus.Manual or VerdictStatus.NotCompared;

    public static StepStatus Of(VerdictStatus status) => Kept(status) switch
    {
        VerdictStatus.Passed => StepStatus.Passed,
        VerdictStatus.Failed => StepStatus.Failed,
        VerdictStatus.Error => StepStatus.Error,
        VerdictStatus.NotCompared => StepStatus.NotCompared,
        VerdictStatus.Manual or VerdictStatus.Ran => StepStatus.Done,
        _ => StepStatus.NotRun,
    };
}
