namespace LabRunner.Labs;

/// <summary>
/// A step with nothing to run ("Paso 1. Abrir una terminal", reading, editing a file by hand): shown to the student, who
/// marks it done; `check` reports it as manual, never as passed.
/// </summary>
public sealed record ManualAction : StepAction
{
    public static readonly ManualAction Instance = new();
    public override string Command => "";
    public override StepAction WithCommand(string command) => this;
}
