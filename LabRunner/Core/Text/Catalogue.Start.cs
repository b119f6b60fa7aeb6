namespace LabRunner.Text;

/// <summary>The lab screen while its server starts (the screen opens at once; the server comes up behind it).</summary>
public partial class Catalogue
{
    public virtual string StartingServer => "starting the server…";
    public virtual string ServerNotStarted => "server not started";
    public virtual string WaitForServer => "The lab's server is still starting: this key works once it is ready (Esc stops the start).";
    public virtual string NoServer => "The lab's server is not running: Ctrl+R starts it.";
    public virtual string StartCancelled => "The server's start was stopped. Ctrl+R starts it.";
    public virtual string StartFailedTitle => "The server did not start";
    public virtual string StartFailedQuestion(string why) =>
        $"The lab's server could not be started:\n\n{why}\n\nYou can still read the lab. Ctrl+R tries again; Ctrl+Q quits.";
    public virtual string SetupConsentTitle => "Let the lab's setup run programs?";
    public virtual string SetupConsentQuestion(string what) =>
        $"Before its first step, this lab makes the server run programs on the server's machine (inside the sandbox):\n\n{what}\n\n" +
        "Start the server with them? (Steps that run programs still ask one by one.)";
    public virtual string StartServer => "_Start the server";
    public virtual string SetupDeclined => "The server was not started: its setup needs your consent. You can read the lab; Ctrl+R asks again.";
    public virtual string QuitButton => "_Quit";
}
