using LabRunner.Labs;
using LabRunner.Progress;

namespace LabRunner.Tui;

/// <summary>A step with its task and its place in the lab's flat step order.</summary>
public sealed record StepRef(int Index, int TaskIndex, LabTask Task, Step Step)
{
    public string Key => LabProgress.StepKey(Task.Id, Step.Id);
    public bool IsFirstOfTask => Task.Steps.Count > 0 && ReferenceEquals(Task.Steps[0], Step);
}
