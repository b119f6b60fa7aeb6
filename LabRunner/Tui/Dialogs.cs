using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>
/// The questions the lab screen puts to the student, worded from the catalogue, and the one pending now (the screen shows
/// it in a <see cref="QuestionBox"/>; the session decides what each answer does).
/// </summary>
public sealed class Dialogs(Catalogue text)
{
    public Question? Pending { get; private set; }

    public void Ask(Question question) => Pending = question;

    /// <summary>The pending question, now answered (null when there was none).</summary>
    public Question? Close()
    {
        var question = Pending;
        Pending = null;
        return question;
    }

    public Question ShellConsent(string command) => Make(QuestionKind.ShellConsent, text.ShellTitle, text.ShellQuestion(command),
        (Choice.AllowOnce, text.AllowOnce), (Choice.AllowAll, text.AllowAll), (Choice.Cancel, text.Cancel));

    /// <summary>SQL that makes the server run a program: the same yes as a shell step (same answers), said for what it is.</summary>
    public Question ProgramConsent(string command, string why) => Make(QuestionKind.ShellConsent, text.ProgramTitle, text.ProgramQuestion(command, why),
        (Choice.AllowOnce, text.AllowOnce), (Choice.AllowAll, text.AllowAll), (Choice.Cancel, text.Cancel));

    /// <summary>
    /// The lab's settings or setup SQL run programs on the server (archive_command, COPY … PROGRAM): asked before the
    /// server starts, listing what; No (the default) leaves the server not started.
    /// </summary>
    public Question SetupConsent(IReadOnlyList<string> needs) => Make(QuestionKind.SetupConsent, text.SetupConsentTitle,
        text.SetupConsentQuestion(string.Join("\n", needs.Select(n => "• " + n))), (Choice.Yes, text.StartServer), (Choice.No, text.No))
        with { Default = Choice.No };

    /// <summary>The server did not start: why, in one paragraph (never a stack trace); the lab can still be read.</summary>
    public Question StartFailed(string why) => Make(QuestionKind.StartFailed, text.StartFailedTitle, text.StartFailedQuestion(why),
        (Choice.Close, text.Close), (Choice.Quit, text.QuitButton)) with { Dismiss = Choice.Close };

    /// <summary>Saved progress on a server that kept its data (a named server): the marks still tell the truth.</summary>
    public Question Resume(int passed, int total) => Make(QuestionKind.Resume, text.ResumeTitle, text.ResumeQuestion(passed, total),
        (Choice.Continue, text.Continue), (Choice.StartOver, text.StartOver)) with { Dismiss = Choice.Continue };

    /// <summary>
    /// Saved progress on a brand-new sandbox: the marks would lie about a database that has none of the earlier steps'
    /// tables, so the choice is to replay the steps done (the database then matches the marks) or to start over.
    /// </summary>
    public Question ResumeOnNewDatabase(int passed, int total) => Make(QuestionKind.Resume, text.ResumeTitle,
        text.ResumeReplayQuestion(passed, total), (Choice.Replay, text.Replay), (Choice.StartOver, text.StartOver)) with { Dismiss = Choice.Replay };

    public Question Restart() => Make(QuestionKind.Restart, text.RestartTitle, text.RestartQuestion, (Choice.Yes, text.Yes), (Choice.No, text.No))
        with { Default = Choice.No };

    public Question Quit() => Make(QuestionKind.Quit, text.QuitTitle, text.QuitQuestion, (Choice.Yes, text.Yes), (Choice.No, text.No))
        with { Default = Choice.No };

    /// <summary>F6 on a step with edits: they would be lost.</summary>
    public Question ResetStep(string step) => Make(QuestionKind.ResetStep, text.ResetTitle, text.ResetQuestion(step), (Choice.Yes, text.Yes), (Choice.No, text.No))
        with { Default = Choice.No };

    /// <summary>All steps done: the summary, and (when the lab has grading checks) the offer to run them before submitting.</summary>
    public Question Completed(string summary, bool hasChecks) => hasChecks
        ? Make(QuestionKind.Completed, text.Completed, summary + "\n\n" + text.CheckMyWorkExplained, (Choice.CheckMyWork, text.CheckMyWorkButton), (Choice.Close, text.Close))
        : Make(QuestionKind.Completed, text.Completed, summary, (Choice.Close, text.Close));

    public Question CheckResults(string results) => Make(QuestionKind.CheckResults, text.CheckMyWork, results, (Choice.Close, text.Close));

    public Question Help(string keys) => Make(QuestionKind.Help, text.HelpTitle, keys, (Choice.Close, text.Close));

    private static Question Make(QuestionKind kind, string title, string message, params (Choice Choice, string Label)[] choices) =>
        new(kind, title, message, choices.Select(c => new QuestionChoice(c.Choice, c.Label)).ToList());
}
