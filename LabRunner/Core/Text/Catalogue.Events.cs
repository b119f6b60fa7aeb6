using LabRunner.Execution;
using LabRunner.Grading;
using LabRunner.Running;

namespace LabRunner.Text;

/// <summary>Run events and grades in words.</summary>
public partial class Catalogue
{
    /// <summary>What a running step is doing or waiting for: "running", "waiting for lock on t held by session alice".</summary>
    public string Say(StepActivity activity) => activity switch
    {
        LockWait w => WaitingForLock + LockDetails(w),
        EventuallyRetry r => WaitingToMatch(Say(r.LastMismatch)),
        _ => RunningWord,
    };

    /// <summary>" on t held by session alice": the known parts of a lock wait, or nothing.</summary>
    protected string LockDetails(LockWait w) =>
        (w.Relation is { } relation ? LockOn(relation) : "")
        + (w.BlockingSession is { } session ? HeldBySession(session) : w.BlockedByPid is { } pid ? HeldByProcess(pid) : "");

    public virtual string WaitingForLock => "waiting for lock";
    public virtual string LockOn(string relation) => $" on {relation}";
    public virtual string HeldBySession(string session) => $" held by {SessionLabel(session)}";

    /// <summary>
    /// A session as the student knows it: one the lab named as a place ("terminal-2", "left-pane") reads "Terminal 2",
    /// a bare name ("A", "1", "alice") reads "session A".
    /// </summary>
    public string SessionLabel(string session) => IsPlace(session) ? Place(session) : InSession(session);

    protected static bool IsPlace(string session) => session.Contains('-', StringComparison.Ordinal);

    protected static string Place(string session) =>
        string.Concat(char.ToUpperInvariant(session[0]).ToString(), session[1..].Replace('-', ' '));
    public virtual string HeldByProcess(int pid) => $" held by server process {pid}";
    public virtual string WaitingToMatch(string last) => $"waiting until the output matches (last: {last})";

    /// <summary>A task's grade: "3 checks passed", or the check that decided it and why.</summary>
    public string Say(TaskGrade grade) =>
        grade.WorstVerdict is { } worst ? $"{grade.WorstCheck}: {Say(worst)}" : ChecksPassed(grade.Checks);

    public virtual string ChecksPassed(int n) => n == 1 ? "1 check passed" : $"{n} checks passed";
}
