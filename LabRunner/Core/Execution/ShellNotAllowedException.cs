namespace LabRunner.Execution;

/// <summary>
/// A shell step was asked to run without the user's consent (ExecutionOptions.AllowShell is false). An exception, not
/// a failed step: a lab whose shell steps silently "fail" would give misleading verdicts, so the whole run stops with
/// one clear line (the CLI's --allow-shell, the TUI's consent question).
/// </summary>
public sealed class ShellNotAllowedException(string script)
    : UserErrorException("This step runs a shell command; LabRunner runs shell steps only when allowed (--allow-shell, or yes in the TUI).")
{
    public string Script { get; } = script;
}
