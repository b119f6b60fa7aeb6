namespace LabRunner.Execution;

/// <summary>
/// An action reached the executor without the consent it needs (<see cref="ConsentRules"/>). LabRun checks consent before
/// it executes and skips such steps with a verdict, so this is the executor's own guard against a caller that did not:
/// an exception, never a silently "failed" step.
/// </summary>
public sealed class ShellNotAllowedException(string script)
    : UserErrorException("This step runs a shell command, and the user did not allow shell commands.")
{
    public string Script { get; } = script;
}
