using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Execution;

namespace LabRunner.Running;

/// <summary>One step's run: what ran, what it produced (null when it did not run), the verdict and how long it took.</summary>
public sealed record StepResult(LabTask Task, Step Step, StepKind Kind, StepAction Action, StepOutput? Output, Verdict Verdict, TimeSpan Duration)
{
    /// <summary>Executions it took (more than one for `eventually`).</summary>
    public int Attempts { get; init; } = 1;
    /// <summary>A watched step's recorded series (null for other steps).</summary>
    public WatchSeries? Series { get; init; }
}
