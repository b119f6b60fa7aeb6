namespace LabRunner.Text;

/// <summary>The TUI's own words (not the lab's, which stay in the lab's language).</summary>
public partial class Catalogue
{
    // Panes.
    public virtual string Steps => "Steps";
    // The lab's overview and the watch plot.
    public virtual string OverviewObjectives => "Objectives";
    public virtual string OverviewDuration => "Approximate duration";
    public virtual string OverviewElapsed(TimeSpan elapsed) => $"this attempt: {(int)elapsed.TotalMinutes} min";
    public virtual string OverviewHelp => "Help table";
    public virtual string OverviewServer => "Your server";
    public virtual string OverviewVisual => "Visual goal";
    public virtual string OverviewKeyHelp => "show or close the lab's overview";
    public virtual string OverviewKeys => "F9 shows this overview again · F8 goes to the first step";
    public virtual string PlotThreshold => "threshold";
    public virtual string PlotMarkerChanged(string marker, TimeSpan after) => $"{marker} changed after {Duration(after)}";
    public virtual string Instructions => "Instructions";
    public virtual string Command => "Command";
    public virtual string CommandEdited => "Command (edited — F3 restores the original)";
    public virtual string Actual => "Your output";
    public virtual string Expected => "Expected";
    public virtual string NoExpectedOutput => "(this step has no expected output: it passes when it runs without error)";
    public virtual string NotRunYet => "(not run yet — press F5)";
    public virtual string ExpectedExitCode(int code) => $"exit code {code}";
    public virtual string EventuallyWithin(TimeSpan within, TimeSpan every) => $"(eventually: within {Seconds(within)}, every {Seconds(every)})";

    // Commands (the key table's labels: short, for the status bar).
    public virtual string Run => "Run";
    public virtual string Next => "Next";
    public virtual string Previous => "Prev";
    public virtual string Hint => "Hint";
    public virtual string Restore => "Original";
    public virtual string ResetStep => "Reset";
    public virtual string Restart => "Restart";
    public virtual string Toggle => "Output";
    public virtual string Help => "Help";
    public virtual string Quit => "Quit";
    public virtual string Cancel => "Cancel";

    // What each key does (the F1 help and the README's key table).
    public virtual string RunHelp => "run the selected step (with your edits)";
    public virtual string CancelHelp => "cancel the running step (the session stays usable), or close a dialog";
    public virtual string NextHelp => "next step";
    public virtual string PreviousHelp => "previous step";
    public virtual string PanesHelp => "move between panes (steps, instructions, command, output)";
    public virtual string ChooseHelp => "choose a step (in the steps pane); scroll (in other panes)";
    public virtual string HintHelp => "show the step's hint";
    public virtual string RestoreHelp => "restore the lab's original command";
    public virtual string ToggleHelp => "switch between your output and the expected output";
    public virtual string ResetHelp => "reset the step (verdict, output and edits)";
    public virtual string RestartHelp => "restart the lab on a fresh server (asks first)";
    public virtual string HelpHelp => "this help: every key";
    public virtual string QuitHelp => "quit (asks if a step is running)";
    public virtual string HelpFooter => "Progress is saved automatically and offered back next time.";
    public virtual string ShiftKey => "Shift";
    public virtual string UpKey => "Up";
    public virtual string DownKey => "Down";

    // The running line and the verdict line.
    public virtual string RunningWord => "running";
    public virtual string NextCheckIn(TimeSpan t) => $"next check in {Seconds(t)}";
    public virtual string GivesUpIn(TimeSpan t) => $"gives up in {Seconds(t)}";
    public virtual string Passed => "Passed";
    public virtual string Failed => "Failed";
    public virtual string Error => "Error";
    public virtual string Done => "Done";
    public virtual string NotComparedWord => "Not compared";
    public virtual string CancelledTitle => "Cancelled";
    public virtual string Ran(TimeSpan t) => $"ran in {Seconds(t)}";
    public virtual string Restarting => "restarting the lab…";
    public virtual string Busy => "A step is running: wait for it or press Esc.";
    public virtual string NoHint => "This step has no hint.";

    // The header.
    public virtual string Sandbox => "sandbox";
    public virtual string Database => "db";
    public virtual string PassedCount(int passed, int total) => $"{passed}/{total} passed";

    // Questions.
    public virtual string ShellTitle => "Run a shell command?";
    public virtual string ShellQuestion(string command) => $"This step runs a command on your machine:\n\n{command}\n\nAllow it?";
    public virtual string AllowOnce => "Allow _once";
    public virtual string AllowAll => "Allow _all for this lab";
    public virtual string RestartTitle => "Restart the lab?";
    public virtual string RestartQuestion => "All steps go back to not run, your edits are discarded and the database starts afresh.";
    public virtual string QuitTitle => "Quit?";
    public virtual string QuitQuestion => "A step is still running. Cancel it and quit?";
    public virtual string Yes => "_Yes";
    public virtual string No => "_No";
    public virtual string ResumeTitle => "Welcome back";
    public virtual string ResumeQuestion(int passed, int total) =>
        $"You have saved progress in this lab ({passed} of {total} steps passed).\n" +
        "The database starts afresh: re-run earlier steps if a later one needs their tables.";
    public virtual string ProgressSetAside(string why, string movedTo) =>
        $"Saved progress could not be read ({why}); it was set aside as {movedTo}. Starting afresh.";
    public virtual string Continue => "_Continue where I left off";
    public virtual string StartOver => "_Start over";
    public virtual string HelpTitle => "Keys";
    public virtual string Close => "_Close";

    // The lab picker.
    public virtual string PickLab => "Choose a lab (Enter opens it, Ctrl+Q quits)";
    public virtual string NoLabs => "No labs found.";
    public virtual string InvalidLab => "(invalid: run `labrunner validate`)";
}
