using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Running;

/// <summary>
/// What a <see cref="LabRun"/> tells its observers (the TUI, the CLI's stderr progress), as data: the faces word it in
/// their language. Raised on whatever thread the work runs on: a UI must marshal (app.Invoke) before touching views.
/// </summary>
public abstract record RunEvent(LabTask Task, Step Step, StepKind Kind);

/// <summary>Whether a step is one of the task's steps or one of its read-only checks.</summary>
public enum StepKind { Step, Check }

/// <summary>The step's action (variant chosen, variables substituted) is about to run.</summary>
public sealed record StepStarted(LabTask Task, Step Step, StepKind Kind, StepAction Action) : RunEvent(Task, Step, Kind);

/// <summary>
/// The step is still going: why it has not finished (<see cref="Executing"/>, <see cref="LockWait"/>, or
/// <see cref="EventuallyRetry"/> between the attempts of an `eventually` expectation), time since it started, and for
/// `eventually` expectations the time left before it gives up and the attempt number.
/// </summary>
public sealed record StepWaiting(LabTask Task, Step Step, StepKind Kind, StepActivity Reason, TimeSpan Elapsed, TimeSpan? Remaining, int Attempt)
    : RunEvent(Task, Step, Kind);

/// <summary>
/// Between two attempts of an `eventually` expectation: attempt <paramref name="Attempt"/> did not match
/// (<paramref name="LastMismatch"/> says why) and the next one starts in <paramref name="NextIn"/>.
/// </summary>
public sealed record EventuallyRetry(int Attempt, TimeSpan NextIn, VerdictReason LastMismatch) : StepActivity
{
    /// <summary>What the last attempt printed, so a face can show the wait live (the student sees the value change).</summary>
    public StepOutput? LastOutput { get; init; }
}

/// <summary>
/// A statement is blocked on a lock another session holds; <see cref="LabRun.RunAllAsync"/> goes on with the next steps
/// and raises <see cref="StepFinished"/> for this one when it completes.
/// </summary>
public sealed record StepDetached(LabTask Task, Step Step, StepKind Kind, LockWait Lock) : RunEvent(Task, Step, Kind);

/// <summary>The step ran (or was skipped) and was checked.</summary>
public sealed record StepFinished(LabTask Task, Step Step, StepKind Kind, StepResult Result) : RunEvent(Task, Step, Kind);
