using LabRunner.Labs;

namespace LabRunner.Execution;

/// <summary>
/// What a step may do beyond the database that needs the user's yes first, as flags: what a step needs
/// (<see cref="ConsentRules.Needed"/>) and what the user granted (--allow-shell for a run, the TUI's question per step)
/// are the same kind of value. A later kind (SQL that makes the server run a program) is one more flag here and one more
/// rule in <see cref="ConsentRules"/>; LabRun and the executor check them alike.
/// </summary>
[Flags]
public enum Consent
{
    None = 0,
    /// <summary>Run a shell command on the user's machine.</summary>
    Shell = 1,
    /// <summary>
    /// Let a shell step run on the host itself where it cannot be confined (no bubblewrap, or a server LabRunner did not
    /// start): --unconfined-shell. Never implied by <see cref="Shell"/>; the executor asks the step's server.
    /// </summary>
    Unconfined = 2,
}

/// <summary>Which consents a step's action needs before it may run.</summary>
public static class ConsentRules
{
    public static Consent Needed(StepAction action) => action switch
    {
        ShellAction => Consent.Shell,
        _ => Consent.None,
    };

    /// <summary>What the action needs and <paramref name="granted"/> does not give (None when it may run).</summary>
    public static Consent Missing(StepAction action, Consent granted) => Needed(action) & ~granted;
}
