using LabRunner.Labs;

namespace LabRunner.Checking;

/// <summary>
/// NotCompared: the step ran and its expected result is words or a picture, shown and never compared (counted apart from
/// passed). Manual: nothing to run; the student does it (and marks it done in the TUI). Ran: the step ran without error and
/// nothing was expected of it (a CREATE, a file written, a server started): done, but never "passed", since nothing was
/// compared.
/// </summary>
public enum VerdictStatus { NotRun, Passed, Failed, Error, Skipped, NotCompared, Manual, Ran }

/// <summary>
/// Where actual and expected first differ, for highlighting. Row and Column are 1-based positions in the ACTUAL result set
/// (row as psql shows it, column in the actual column order); Expected/Actual are cell texts, null for SQL NULL.
/// <see cref="ActualResult"/> is the result set's index in the step's output results; <see cref="ExpectedStatement"/>,
/// <see cref="ExpectedRow"/> and <see cref="ExpectedColumn"/> (0-based) place the expected cell in the pasted panel's
/// statements (null for structured rows, where the expected table is the only one).
/// </summary>
public sealed record CellDifference(int Row, int Column, string ColumnName, string? Expected, string? Actual)
{
    public int? ActualResult { get; init; }
    public int? ExpectedStatement { get; init; }
    public int ExpectedRow { get; init; }
    public int ExpectedColumn { get; init; }
}

/// <summary>
/// The outcome of holding a step's output against its expectation: a status and why, as data (<see cref="VerdictReason"/>,
/// <see cref="VerdictNote"/>); the catalogue in LabRunner.Text words it in the interface's language.
/// </summary>
public sealed record Verdict(VerdictStatus Status, VerdictReason Reason)
{
    /// <summary>Unified diff of expected vs actual rendered text, when they differ.</summary>
    public string? Diff { get; init; }
    public CellDifference? FirstDifference { get; init; }
    /// <summary>How the verdict was reached: volatile cells, matchers, rows in any order, "matched after 14.2 s".</summary>
    public IReadOnlyList<VerdictNote> Notes { get; init; } = [];

    public static Verdict Pass(VerdictReason? reason = null) => new(VerdictStatus.Passed, reason ?? new OutputMatches());
    public static Verdict Fail(VerdictReason reason) => new(VerdictStatus.Failed, reason);
    public static Verdict Error(VerdictReason reason) => new(VerdictStatus.Error, reason);
    public static Verdict Skip(VerdictReason reason) => new(VerdictStatus.Skipped, reason);
    public static Verdict Shown(ProseKind kind) => new(VerdictStatus.NotCompared, new NotCompared(kind));
    public static Verdict Manual(VerdictReason? reason = null) => new(VerdictStatus.Manual, reason ?? new ManualStep());
    /// <summary>Ran without error with nothing to compare: <paramref name="reason"/> says what was done.</summary>
    public static Verdict Ran(VerdictReason reason) => new(VerdictStatus.Ran, reason);
}
