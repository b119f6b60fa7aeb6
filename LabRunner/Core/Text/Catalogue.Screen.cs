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
    public virtual string OverviewKeys => "F9 shows this overview again · F8 goes to the steps";
    public virtual string OverviewScrollKeys => "↑↓ PgUp PgDn: scroll";
    public virtual string PlotThreshold => "threshold";
    public virtual string PlotMarkerChanged(string marker, TimeSpan after) => $"{marker} changed after {Duration(after)}";
    public virtual string PlotKeyHelp => "show or close the plot of a step that watches values over time, on the whole screen";
    public virtual string PlotTitle => "Plot";
    public virtual string PlotNone => "This step records no values over time: it has no plot.";
    public virtual string PlotClose => "Ctrl+G closes";
    /// <summary>Said where a step has a plot the screen has no room to show beside its output.</summary>
    public virtual string PlotHint => "Ctrl+G: plot";
    /// <summary>Where LabRunner left lines of a long output out (the output keeps its first and last lines).</summary>
    public virtual string LinesLeftOut(long n) => n == 1 ? "… 1 line left out …" : $"… {n.ToString(Culture)} lines left out …";
    public virtual string ServerReady(string name, string port) => $"server {name} ready (port {port})";
    public virtual string ServerStartedOn(string name, string directory, string port) => $"server {name} started on {directory}, accepting connections (port {port})";
    public virtual string ServerStopped(string name) => $"server {name} stopped";
    public virtual string Instructions => "Instructions";
    public virtual string Command => "Command";
    public virtual string CommandEdited => "Command (edited — F3 restores the original)";
    /// <summary>Where the command runs, in the command pane's title: "session B" (a lab of several sessions), "server replica".</summary>
    public virtual string InSession(string session) => $"session {session}";
    public virtual string OnServer(string server) => $"server {server}";
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
    public virtual string CancelHelp => "cancel the running step (the session stays usable) or the server's start, or close a dialog";
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
    /// <summary>A shell step's command cancelled (a line LabRunner adds to the output).</summary>
    public virtual string CancelledLine => "(cancelled)";
    public virtual string Ran(TimeSpan t) => $"ran in {Seconds(t)}";
    public virtual string Restarting => "restarting the lab…";
    public virtual string Busy => "A step is running: wait for it or press Esc.";
    /// <summary>Steps of other sessions running besides the one the activity line speaks of.</summary>
    public virtual string AlsoRunning(int steps) => steps == 1 ? "1 more step running" : $"{steps} more steps running";
    /// <summary>The step's session (or the host) still runs another step.</summary>
    public virtual string LaneBusy(string step) => $"This step's session is still running “{step}”: wait for it, or select that step and press Esc.";
    public virtual string NoHint => "This step has no hint.";

    // The header.
    public virtual string Sandbox => "sandbox";
    public virtual string Database => "db";
    public virtual string DoneCount(int passed, int total) => $"{passed}/{total} done";

    // Questions.
    public virtual string ShellTitle => "Run a shell command?";
    public virtual string ShellQuestion(string command) => $"This step runs a command on your machine:\n\n{command}\n\nAllow it?";
    public virtual string ProgramTitle => "Let the server run a program?";
    public virtual string ProgramQuestion(string command, string why) =>
        $"This step's SQL reaches past the database into the server's machine ({why}):\n\n{command}\n\nAllow it?";
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
        $"You have saved progress in this lab ({passed} of {total} steps done). The server kept its data.";
    public virtual string ResumeReplayQuestion(int passed, int total) =>
        $"You have saved progress in this lab ({passed} of {total} steps done).\n\n" +
        "This is a new, empty database: the tables your steps made are not in it. Replay the steps you did " +
        "(LabRunner runs them again, in order) so it matches your marks, or start over.";
    public virtual string Replay => "_Replay my steps";
    public virtual string Replaying(int done, int total, string step) => $"Replaying your steps: {done} of {total} ({step})";
    public virtual string Replayed(int total) => total == 1 ? "Replayed 1 step: the database matches your marks." : $"Replayed {total} steps: the database matches your marks.";
    public virtual string ReplayStopped(string step) => $"Replay stopped at {step}: it did not pass this time. Run it again (F5) or go on from there.";
    public virtual string ResetTitle => "Reset the step?";
    public virtual string ResetQuestion(string step) => $"{step}: your edits to the command are thrown away, with its verdict and output.";
    public virtual string ProgressNotSaved(string why) => $"Progress could not be saved: {why}";
    public virtual string ProgressSetAside(string why, string movedTo) =>
        $"Saved progress could not be read ({why}); it was set aside as {movedTo}. Starting afresh.";
    public virtual string Continue => "_Continue where I left off";
    public virtual string StartOver => "_Start over";
    public virtual string HelpTitle => "Keys";
    public virtual string Close => "_Close";

    // Scrolling and output.
    public virtual string MoreAbove(int n) => n == 1 ? "↑ 1 more line above (PgUp, Home)" : $"↑ {n} more lines above (PgUp, Home)";
    public virtual string MoreBelow(int n) => n == 1 ? "↓ 1 more line below (PgDn, End)" : $"↓ {n} more lines below (PgDn, End)";
    public virtual string ExitCode(int code) => $"exit code {code}";
    /// <summary>A shell step's command ended by its timeout (a line LabRunner adds to the output).</summary>
    public virtual string KilledAfterTimeout(TimeSpan timeout) => $"(killed after the step's timeout of {Seconds(timeout)})";
    public virtual string Attempt(int n) => $"attempt {n}";
    public virtual string LiveOutput => "latest check";

    // Hints and the end of the lab.
    public virtual string HintMore => "F2 again shows the solution command.";
    public virtual string Solution => "Solution";
    public virtual string HintFromFailure => "From your output";
    public virtual string TableMissing(string? table) => table is null
        ? "The table does not exist yet: did you run the earlier step that creates it?"
        : $"The table {table} does not exist yet: did you run the earlier step that creates it?";
    public virtual string TransactionAborted => "An earlier statement failed in this transaction, so PostgreSQL ignores the rest: run ROLLBACK, then try again.";
    public virtual string LockBlocked(string? who) => who is null
        ? "Another session holds a lock this statement needs: finish or roll back the other session's transaction."
        : $"Another session ({who}) holds a lock this statement needs: finish or roll back its transaction.";
    public virtual string SyntaxError => "PostgreSQL could not read the command: compare it with the instructions, character by character (F3 restores the original).";
    public virtual string NoSuchColumn => "A column name is wrong or the column does not exist yet: check its spelling against the instructions.";
    public virtual string DifferentValue => "The command ran but a value differs: compare your output with the expected one (the differing cell is marked).";
    public virtual string AllDone(int done, int total) => $"All {total} steps done.";
    public virtual string Completed => "Lab complete";
    public virtual string CheckMyWork => "Check my work";
    public virtual string CheckMyWorkButton => "C_heck my work";
    public virtual string CheckMyWorkExplained => "Check my work runs the lab's grading checks on your database, read-only, as the grader will.";
    public virtual string CheckingWork => "checking your work…";
    public virtual string HintsUsed(int n) => n == 1 ? "1 hint used." : $"{n} hints used.";
    public virtual string ChecksPassed(int passed, int total) => $"{passed} of {total} checks passed.";
    public virtual string ChecksFailed(string why) => $"The checks could not run: {why}";

    // The lab picker.
    public virtual string PickLab => "Choose a lab (Enter opens it, Ctrl+Q quits)";
    public virtual string NoLabs => "No labs found.";
    public virtual string InvalidLab => "(invalid: run `labrunner validate`)";
}
