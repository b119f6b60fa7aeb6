using LabRunner.Checking;

namespace LabRunner.Tui;

/// <summary>A step's mark in the tree.</summary>
public enum StepStatus { NotRun, Running, Passed, Failed, Error }

/// <summary>The one mapping between verdicts and the tree's marks (kept, saved and shown alike).</summary>
public static class StepStatuses
{
    /// <summary>What a step keeps of a verdict: passed, failed or error; anything else (skipped, cancelled) leaves it not run.</summary>
    public static VerdictStatus Kept(VerdictStatus status) =>
        status is VerdictStatus.Passed or VerdictStatus.Failed or VerdictStatus.Error ? status : VerdictStatus.NotRun;

    public static StepStatus Of(VerdictStatus status) => Kept(status) switch
    {
        VerdictStatus.Passed => StepStatus.Passed,
        VerdictStatus.Failed => StepStatus.Failed,
        VerdictStatus.Error => StepStatus.Error,
        _ => StepStatus.NotRun,
    };
}
