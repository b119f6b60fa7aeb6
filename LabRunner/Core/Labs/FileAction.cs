namespace LabRunner.Labs;

/// <summary>
/// Writes a file into the lab's work folder ("Guarda este archivo como transfiere.sql"), so that a later step can use
/// it (`psql -f transfiere.sql`). Runs nothing. <see cref="Path"/> is relative to the work folder ({{variables}} allowed).
/// </summary>
public sealed record FileAction(string Path, string Content) : StepAction
{
    /// <summary>The file's content is what the student sees and may edit.</summary>
    public override string Command => Content;
    public override StepAction WithCommand(string command) => this with { Content = command };
}
