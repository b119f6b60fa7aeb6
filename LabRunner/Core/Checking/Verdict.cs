namespace LabRunner.Checking;

public enum VerdictStatus { NotRun, Passed, Failed, Error, Skipped }

/// <summary>
/// Where actual and expected first differ, for words ("row 1, n_dead_tup: expected 0, got 833333") and highlighting.
/// Row and Column are 1-based positions in the ACTUAL result set (row as psql shows it, column in the actual column order);
/// Expected/Actual are cell texts, null for SQL NULL.
/// </summary>
public sealed record CellDifference(int Row, int Column, string ColumnName, string? Expected, string? Actual);

/// <summary>The outcome of holding a step's output against its expectation; explains itself.</summary>
public sealed record Verdict(VerdictStatus Status, string Message)
{
    /// <summary>Unified diff of expected vs actual rendered text, when they differ.</summary>
    public string? Diff { get; init; }
    public CellDifference? FirstDifference { get; init; }
    /// <summary>Notes such as "last_autovacuum: any timestamp (volatile)" or "matched after 14.2 s".</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    public static Verdict Pass(string message = "output matches") => new(VerdictStatus.Passed, message);
    public static Verdict Fail(string message) => new(VerdictStatus.Failed, message);
    public static Verdict Error(string message) => new(VerdictStatus.Error, message);
    public static Verdict Skip(string message) => new(VerdictStatus.Skipped, message);
}
