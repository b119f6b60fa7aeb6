namespace LabRunner.Execution;

/// <summary>
/// A shell step cannot run confined here and the user did not allow it to run on the host: the run stops with one
/// line saying why and how to allow it (never unconfined silently).
/// </summary>
public sealed class ShellNotConfinedException(string reason)
    : UserErrorException($"Shell steps run confined in the sandbox, and here {reason}. To run them on this machine unconfined, " +
                         "as your user, pass --unconfined-shell (in the TUI: answer the question); or install bubblewrap.")
{
    public string Reason { get; } = reason;
}
