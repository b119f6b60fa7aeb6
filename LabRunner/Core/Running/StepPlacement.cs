using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Running;

/// <summary>
/// Whether a step can run where the lab runs: shell commands, config edits and server steps need a machine of the lab's
/// own (the sandbox), which a shared server named with --connection is not (unless the user said --unconfined-shell,
/// which lets shell steps run on this machine). Asked before any consent question: allowing a step that cannot run
/// here would only lead to a second refusal.
/// </summary>
public static class StepPlacement
{
    /// <summary>Why <paramref name="action"/> cannot run on <paramref name="target"/>, or null when it can.</summary>
    public static VerdictReason? WhyNotHere(IServerTarget target, StepAction action, Consent granted)
    {
        if (target.IsSandbox || (granted.HasFlag(Consent.Unconfined) && action is ShellAction)) return null;
        return action is ShellAction or EditAction or ServerAction ? new NeedsOwnServer() : null;
    }
}
