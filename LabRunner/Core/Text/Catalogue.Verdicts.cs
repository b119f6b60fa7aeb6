using System.Globalization;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Text;

/// <summary>Verdicts in words: <see cref="Say(Verdict)"/> composes a sentence from a reason's data and the phrases below.</summary>
public partial class Catalogue
{
    /// <summary>Why the verdict is what it is, in this language.</summary>
    public string Say(Verdict verdict) => Say(verdict.Reason);

    public string Say(VerdictReason reason) => reason switch
    {
        Checking.TimedOut r => TimedOut(r.After),
        Checking.Cancelled _ => Cancelled,
        Checking.ServerLost _ => ServerLost,
        Checking.ServerUnreachable r => ServerUnreachable(r.Why),
        Checking.CouldNotRun r => CouldNotRun(r.Problem),
        Checking.ServerStepFailed r => ServerStepFailed(r.Problem),
        Checking.NotAllowed r => NotAllowed(r.Needed),
        Checking.NeedsOwnServer => NeedsOwnServer,
        Checking.UnknownVariables r => UnknownVariables(r.Names),
        Checking.Unreachable r => Unreachable(r.Why),
        Checking.StepFailed r => StepFailed(Say(r.Error)),
        Checking.RanWithoutError _ => RanWithoutError,
        Checking.NoExpectation _ => NoExpectation,
        Checking.OutputMatches _ => OutputMatches,
        Checking.FailedAsExpected r => FailedAsExpected(r.SqlState),
        Checking.ExitCodeDiffers r => ExitCodeDiffers(r.Expected, r.Got) + (r.LastLine is null ? "" : $" ({r.LastLine})"),
        Checking.ShellNoExpectation r => ShellNoExpectation(r.ExitCode),
        Checking.ShellAsExpected r => ShellAsExpected(r.ExitCode),
        Checking.OutputLacks r => OutputLacks(r.Needle),
        Checking.OutputDoesNotMatch r => OutputDoesNotMatch(r.Pattern),
        KindDiffers r => ExpectedGot(Say(r.Expected), Say(r.Got)),
        TagDiffers r => ExpectedGot(r.Expected, r.Got),
        NoError r => ExpectedErrorButNone(r.ExpectedSqlState),
        WrongError r => ExpectedError(r.ExpectedSqlState, Say(r.Got)),
        WrongErrorMessage r => ExpectedErrorMessage(r.ExpectedMessage, Say(r.Got), r.Got.SqlState),
        Checking.NoticeMissing r => NoticeMissing(r.Severity, r.Message, r.Got),
        Checking.NoticeDiffers r => NoticeDiffers(r.Severity, r.Expected, r.Got),
        TooFewResults r => ResultCount(r.Expected, r.Got),
        Checking.NoRowsAsExpected _ => NoRowsAsExpected,
        Checking.ExpectedNoRows r => ExpectedNoRows(r.Got),
        Checking.RowsMatch r => RowsMatch(r.Count),
        Checking.ColumnsDiffer r => ColumnsDiffer(string.Join(", ", r.Expected), string.Join(", ", r.Got)),
        Checking.ColumnMissing r => ColumnMissing(r.Column, string.Join(", ", r.Got)),
        Checking.CellDiffers r => SayCell(r),
        Checking.RowCountDiffers r => RowCountDiffers(r.Expected, r.Got)
            + (r.Missing is { } m ? RowMissing(m.Row, Cells(m.Cells)) : r.Unexpected is { } u ? RowUnexpected(u.Row, Cells(u.Cells)) : ""),
        Checking.MatchedAfter r => MatchedAfter(Say(r.Matched), r.After),
        Checking.StillNotMatching r => StillNotMatching(r.After, r.Attempts, Say(r.Last)),
        Checking.NoLongerChanging r => NoLongerChanging(r.Marker, r.MarkerMovedAt, r.StableFor, Say(r.Last)),
        Checking.NotCompared r => NotCompared(r.Shown),
        Checking.ManualStep _ => ManualStep,
        Checking.MarkedDone _ => MarkedDone,
        Checking.FileWritten r => FileWritten(r.Path),
        _ => reason.ToString(),
    };

    public string Say(VerdictNote note) => note switch
    {
        Checking.ComparedLast n => ComparedLast(n.Compared, n.Of),
        Checking.ErrorComparedByMessage _ => ErrorComparedByMessage,
        Checking.AnyOrder _ => AnyOrder,
        Checking.VolatileCell n => VolatileCell(n.Column, n.Cell, n.Shape),
        ColumnMatcher n => $"{n.Column}: {Matcher(n.Matcher)}",
        MatchedOnAttempt n => MatchedAfterNote(n.After, n.Attempt),
        MarkerChanged n => MarkerChangedNote(n.Marker, n.After),
        _ => note.ToString(),
    };

    public IReadOnlyList<string> Notes(Verdict verdict) => verdict.Notes.Select(Say).ToList();

    /// <summary>"passed", "failed", "error", "skipped", "not run": the words of reports and tables.</summary>
    public virtual string Status(VerdictStatus status) => status switch
    {
        VerdictStatus.Passed => "passed",
        VerdictStatus.Failed => "failed",
        VerdictStatus.Error => "error",
        VerdictStatus.Skipped => "skipped",
        VerdictStatus.NotCompared => "not compared",
        VerdictStatus.Manual => "manual",
        VerdictStatus.Ran => "ran",
        _ => "not run",
    };

    /// <summary>"ERROR 42P01: relation ... (advice)": the server's words as they came, LabRunner's advice after them.</summary>
    public static string Say(ServerError e) =>
        $"{(e.Severity.Length > 0 ? e.Severity + " " : "")}{e.SqlState}: {e.Message}" + (e.Advice is { } advice ? $" ({advice})" : "");

    private string Say(ResultShape shape) => shape.Kind switch
    {
        ResultKind.Table => ATable,
        ResultKind.Tag => shape.Tag ?? "",
        ResultKind.Error => AnError,
        ResultKind.Notice => ANotice,
        _ => SomeOutput,
    };

    private string SayCell(Checking.CellDiffers r)
    {
        var what = r.Matcher is Labs.Matcher.Exact
            ? (r.FromPanel && r.Expected == "" ? EmptyCell : CellWords(r.Expected))
            : Matcher(r.Matcher) + (r.Matcher is Labs.Matcher.Tolerance ? ToleranceOf(r.Expected ?? "") : "");
        var row = r.ClosestTo is { } closest ? RowClosestTo(r.Row, closest) : Row(r.Row);
        var prefix = r.Counts is { } c ? RowCountDiffers(c.Expected, c.Got) + "; " : "";
        return prefix + CellDiffers(row, r.Column, what, CellWords(r.Got));
    }

    private static string Cells(IReadOnlyList<string?> cells) => string.Join(" | ", cells.Select(CellWords));

    /// <summary>A cell in a message: NULL, '' or the text itself (the same in every language, as psql writes them).</summary>
    public static string CellWords(string? value) => value switch
    {
        null => "NULL",
        "" => "''",
        _ => value,
    };

    // ---- step outcomes -------------------------------------------------------------------------------------------

    public virtual string TimedOut(TimeSpan d) => $"timed out after {Duration(d)}";
    public virtual string Cancelled => "cancelled";
    public virtual string ServerLost => "the server closed the connection unexpectedly";
    public virtual string ServerUnreachable(string why) => $"the server cannot be reached: {why}";
    public virtual string CouldNotRun(string reason) => $"could not run the step: {reason}";
    public virtual string ServerStepFailed(string problem) => $"the step failed: {problem}";
    public virtual string NotAllowed(Consent needed) => needed.HasFlag(Consent.ServerProgram)
        ? "not run: this SQL makes the server run a program or write on its machine; pass --allow-shell to allow it"
        : "shell step not run: pass --allow-shell to run the lab's shell commands";
    public virtual string NeedsOwnServer =>
        "not available on a shared server: this step needs a machine of the lab's own (a shell, a config file, a server to " +
        "start or stop); do it as your teacher says, or run the lab on your own sandbox (without --connection)";
    public virtual string UnknownVariables(IReadOnlyList<string> names) =>
        $"not run: the command uses {Variables(names)}, which has no value on this server " +
        "(data_directory is known only when the role may read it, e.g. a superuser or pg_read_all_settings member)";
    public virtual string Unreachable(string why) => $"cannot reach the database: {why}";
    public virtual string StepFailed(string error) => "the step failed: " + error;
    public virtual string RanWithoutError => "ran without error";
    public virtual string NoExpectation => "ran without error; the step has no expected output to compare";
    public virtual string OutputMatches => "output matches";
    public virtual string NotCompared(ProseKind shown) => "not compared: the expected result is " + shown switch
    {
        ProseKind.Image => "a picture",
        ProseKind.Table => "a table of values, not psql output",
        ProseKind.Meter => "a progress meter",
        _ => "prose",
    } + " (shown to the student)";
    public virtual string ManualStep => "manual: nothing to run; the student does it and marks it done";
    public virtual string MarkedDone => "marked done";
    public virtual string FileWritten(string path) => $"wrote {path} in the lab's work folder";
    public virtual string FailedAsExpected(string sqlState) => $"failed with {sqlState}, as expected";

    protected static string Variables(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => "{{" + n + "}}"));

    // ---- shell steps ---------------------------------------------------------------------------------------------

    public virtual string ExitCodeDiffers(int expected, int got) => $"exit code: expected {expected}, got {got}";
    public virtual string ShellNoExpectation(int exit) => $"ran without error (exit code {exit}); the step has no expected output to compare";
    public virtual string ShellAsExpected(int exit) => exit == 0 ? "exit code 0, output as expected" : $"exit code {exit}, as expected";
    public virtual string OutputLacks(string needle) => $"output does not contain \"{needle}\"";
    public virtual string OutputDoesNotMatch(string pattern) => $"output does not match /{pattern}/";

    // ---- results, errors and notices -----------------------------------------------------------------------------

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
    public virtual string Results(int n) => n == 1 ? "1 result" : string.Create(Culture, $"{n} results");
    public virtual string ATable => "a table";
    public virtual string AnError => "an error";
    public virtual string ANotice => "a notice";
    public virtual string SomeOutput => "output";

    // ---- tables ----------------------------------------------------------------------------------------------------

    public virtual string Rows(long n) => n == 1 ? "1 row" : string.Create(Culture, $"{n} rows");
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
    public virtual string ToleranceOf(string expected) => $" of {expected}";

    /// <summary>How a matcher compares: "any value", "within ±0.5".</summary>
    public virtual string Matcher(Matcher matcher) => matcher switch
    {
        Labs.Matcher.Any => "any value",
        Labs.Matcher.NotNull => "any value but NULL",
        Labs.Matcher.Null => "NULL",
        Labs.Matcher.Shape s => "any value shaped like " + ValueShapes.Describe(s.Kind),
        Labs.Matcher.Regex r => $"a value matching /{r.Pattern}/",
        Labs.Matcher.Tolerance { Percent: true } t => $"within {t.Amount.ToString(CultureInfo.InvariantCulture)}%",
        Labs.Matcher.Tolerance t => $"within ±{t.Amount.ToString(CultureInfo.InvariantCulture)}",
        _ => "exactly",
    };

    // ---- eventually ------------------------------------------------------------------------------------------------

    public virtual string MatchedAfter(string message, TimeSpan d) => $"{message} (after {Duration(d)})";
    public virtual string MarkerChangedNote(string marker, TimeSpan d) => $"{marker} changed after {Duration(d)}";
    public virtual string MatchedAfterNote(TimeSpan d, int attempt) => $"matched after {Duration(d)}, attempt {attempt}";
    public virtual string StillNotMatching(TimeSpan d, int attempts, string message) =>
        $"still not matching after {Duration(d)} ({attempts} attempts): {message}";
    public virtual string NoLongerChanging(string marker, TimeSpan movedAt, TimeSpan stableFor, string message) =>
        $"will not match: {marker} changed after {Duration(movedAt)} (what the step waits for happened) and the result has not changed for {Duration(stableFor)} since: {message}";
}
