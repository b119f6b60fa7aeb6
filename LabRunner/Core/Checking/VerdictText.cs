using System.Globalization;
using LabRunner.Labs;

namespace LabRunner.Checking;

/// <summary>
/// The words of verdicts, notes and retry messages, in English (this class; what the CLI and reports always use) or in
/// another language (a subclass, chosen by <see cref="For"/>). Server messages and cell values are never translated.
/// </summary>
public class VerdictText
{
    public static readonly VerdictText English = new();
    public static readonly VerdictText Spanish = new SpanishVerdictText();

    protected VerdictText() { }

    /// <summary>Spanish for "es*", English otherwise (null, "en", anything unknown).</summary>
    public static VerdictText For(string? language) =>
        language is not null && language.Trim().StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;

    public virtual string Duration(TimeSpan d) => Durations.Words(d, CultureInfo.InvariantCulture);

    // Step outcomes.
    public virtual string TimedOut(TimeSpan d) => $"timed out after {Duration(d)}";
    public virtual string Cancelled => "cancelled";
    public virtual string ServerLost => "the server closed the connection unexpectedly";
    public virtual string ServerUnreachable(string why) => $"the server cannot be reached: {why}";
    public virtual string CouldNotRun(string reason) => $"could not run the step: {reason}";
    public virtual string ShellSkipped => "shell step not run: pass --allow-shell to run the lab's shell commands";
    public virtual string StepFailed(string error) => "the step failed: " + error;
    public virtual string RanWithoutError => "ran without error";
    public virtual string NoExpectation => "ran without error; the step has no expected output to compare";
    public virtual string OutputMatches => "output matches";
    public virtual string FailedAsExpected(string sqlState) => $"failed with {sqlState}, as expected";

    // Shell steps.
    public virtual string ExitCodeDiffers(int expected, int got) => $"exit code: expected {expected}, got {got}";
    public virtual string ShellNoExpectation(int exit) => $"ran without error (exit code {exit}); the step has no expected output to compare";
    public virtual string ShellAsExpected(int exit) => exit == 0 ? "exit code 0, output as expected" : $"exit code {exit}, as expected";
    public virtual string OutputLacks(string needle) => $"output does not contain \"{needle}\"";
    public virtual string OutputDoesNotMatch(string pattern) => $"output does not match /{pattern}/";

    // Results, errors and notices.
    public virtual string ExpectedGot(string expected, string got) => $"expected {expected}, got {got}";
    public virtual string ExpectedErrorButNone(string sqlState) => $"expected error {sqlState}, but the step ran without error";
    public virtual string ExpectedError(string sqlState, string got) => $"expected error {sqlState}, got {got}";
    public virtual string ExpectedErrorMessage(string message, string got, string gotSqlState) =>
        $"expected error \"{message}\", got {got} " +
        $"(the panel shows no SQLSTATE; add `error: \"{gotSqlState}\"` if this error is the expected one, to match it in any server language)";
    public virtual string ErrorComparedByMessage => "the expected error shows no SQLSTATE; its message was compared (it depends on lc_messages)";
    public virtual string NoticeMissing(string severity, string message, IReadOnlyList<string> got) =>
        $"expected {severity} \"{message}\"" + (got.Count == 0 ? ", got no notice" : $", got {string.Join("; ", got.Select(m => $"\"{m}\""))}");
    public virtual string NoticeDiffers(string severity, string message, string got) => $"expected {severity} \"{message}\", got \"{got}\"";
    public virtual string ResultCount(int expected, int got) => $"expected {Results(expected)}, the step produced {Results(got)}";
    public virtual string ComparedLast(int compared, int of) => $"compared the last {Results(compared)} of {of}";
    public virtual string Results(int n) => n == 1 ? "1 result" : $"{n} results";
    public virtual string ATable => "a table";
    public virtual string AnError => "an error";
    public virtual string ANotice => "a notice";
    public virtual string SomeOutput => "output";

    // Tables.
    public virtual string Rows(long n) => n == 1 ? "1 row" : $"{n} rows";
    public virtual string RowsMatch(long n) => $"{Rows(n)} {(n == 1 ? "matches" : "match")}";
    public virtual string NoRowsAsExpected => "no rows, as expected";
    public virtual string ExpectedNoRows(long got) => $"expected no rows, got {Rows(got)}";
    public virtual string RowCountDiffers(long expected, long got) => $"expected {Rows(expected)}, got {Rows(got)}";
    public virtual string ColumnsDiffer(string expected, string got) => $"columns differ: expected ({expected}), got ({got})";
    public virtual string ColumnMissing(string name, string got) => $"column {name} is missing: got ({got})";
    public virtual string Row(int row) => $"row {row}";
    public virtual string RowClosestTo(int row, int expectedRow) => $"row {row} (closest to expected row {expectedRow})";
    public virtual string CellDiffers(string row, string column, string expected, string got) => $"{row}, {column}: expected {expected}, got {got}";
    public virtual string RowMissing(int row, string cells) => $": row {row} ({cells}) is missing";
    public virtual string RowUnexpected(int row, string cells) => $": unexpected row {row} ({cells})";
    public virtual string EmptyCell => "an empty cell (NULL or '')";
    public virtual string AnyOrder => "rows compared in any order (the query has no ORDER BY)";
    public virtual string VolatileCell(string column, string cell, ValueShape shape) =>
        $"{column}: {cell} counts as any value shaped like {ValueShapes.Describe(shape)} (volatile); pin it with `match: {{{column}: exact}}`";
    public virtual string Matcher(Matcher matcher) => CellMatch.Describe(matcher);
    public virtual string ToleranceOf(string expected) => $" of {expected}";

    // Eventually.
    public virtual string MatchedAfter(string message, TimeSpan d) => $"{message} (after {Duration(d)})";
    public virtual string MatchedAfterNote(TimeSpan d, int attempt) => $"matched after {Duration(d)}, attempt {attempt}";
    public virtual string StillNotMatching(TimeSpan d, int attempts, string message) =>
        $"still not matching after {Duration(d)} ({attempts} attempts): {message}";
    public virtual string WaitingToMatch(string last) => $"waiting until the output matches (last: {last})";
}
