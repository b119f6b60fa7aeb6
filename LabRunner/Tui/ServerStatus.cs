namespace LabRunner.Tui;

/// <summary>Where the lab's server is: the screen opens before it is up, and keys that need it wait for <see cref="Ready"/>.</summary>
public enum ServerStatus
{
    Ready,
    /// <summary>Coming up behind the screen (the sandbox starts, the lab's setup runs).</summary>
    Starting,
    /// <summary>Not started: the student declined the setup's consent, or stopped the start (Esc).</summary>
    NotStarted,
    /// <summary>The start (or a restart) failed; the reason is in <see cref="RunController.StartFailure"/>.</summary>
    Failed,
}
