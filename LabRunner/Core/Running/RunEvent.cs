using LabRunner.Labs;

namespace LabRunner.Running;

/// <summary>
/// What a <see cref="LabRun"/> tells its observers (the TUI, the CLI's stderr progress). Raised on whatever thread the work
/// runs on: a UI must marshal (app.Invoke) before touching views.
/// </summary>
public abstract record RunEvent(LabTask Task, Step Step, StepKind Kind);

/// <summary>Whether a step is one of the task's steps or one of its read-only checks.</summary>
public enum StepKind { Step, Check }

/// <summary>The step's action (variant chosen, variables substituted) is about to run.</summary>
public sealed record StepStarted(LabTask Task, Step Step, StepKind Kind, StepAction Action) : RunEvent(Task, Step, Kind);

/// <summary>
/// The step is still going: what it is doing or waiting for ("running", "waiting for lock", "waiting until the output
/// matches"), time since it started, and for `eventually` expectations the time left and the attempt number.
/// </summary>
public sealed record StepProgressed(LabTask Task, Step Step, StepKind Kind, string Activity, TimeSpan Elapsed, TimeSpan? Remaining, int Attempt)
    : RunEvent(Task, Step, Kind);

/// <summary>
/// A statement is blocked on a lock another session holds; <see cref="LabRun.RunAllAsync"/> goes on with the next steps
/// and raises <see cref="StepFinished"/> for this one when it completes.
/// </summary>
public sealed record StepDetached(LabTask Task, Step Step, StepKind Kind, string Activity) : RunEvent(Task, Step, Kind);

/// <summary>The step ran (or was skipped) and was checked.</summary>
public sealed record StepFinished(LabTask Task, Step Step, StepKind Kind, StepResult Result) : RunEvent(Task, Step, Kind);
