using System.Text.Json.Serialization;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Checking;

/// <summary>
/// Why a verdict is what it is, as data: the catalogue (LabRunner.Text) words it in the interface's language, and saved
/// progress keeps it so that it reads in whatever language the next session speaks. Server messages and cell values are
/// carried as they came and never translated.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "reason")]
[JsonDerivedType(typeof(TimedOut), "timedOut")]
[JsonDerivedType(typeof(Cancelled), "cancelled")]
[JsonDerivedType(typeof(ServerLost), "serverLost")]
[JsonDerivedType(typeof(ServerUnreachable), "serverUnreachable")]
[JsonDerivedType(typeof(CouldNotRun), "couldNotRun")]
[JsonDerivedType(typeof(ServerStepFailed), "serverStepFailed")]
[JsonDerivedType(typeof(NotAllowed), "notAllowed")]
[JsonDerivedType(typeof(NeedsOwnServer), "needsOwnServer")]
[JsonDerivedType(typeof(UnknownVariables), "unknownVariables")]
[JsonDerivedType(typeof(Unreachable), "unreachable")]
[JsonDerivedType(typeof(StepFailed), "stepFailed")]
[JsonDerivedType(typeof(RanWithoutError), "ranWithoutError")]
[JsonDerivedType(typeof(NoExpectation), "noExpectation")]
[JsonDerivedType(typeof(OutputMatches), "outputMatches")]
[JsonDerivedType(typeof(FailedAsExpected), "failedAsExpected")]
[JsonDerivedType(typeof(ExitCodeDiffers), "exitCodeDiffers")]
[JsonDerivedType(typeof(ShellNoExpectation), "shellNoExpectation")]
[JsonDerivedType(typeof(ShellAsExpected), "shellAsExpected")]
[JsonDerivedType(typeof(OutputLacks), "outputLacks")]
[JsonDerivedType(typeof(OutputDoesNotMatch), "outputDoesNotMatch")]
[JsonDerivedType(typeof(KindDiffers), "kindDiffers")]
[JsonDerivedType(typeof(TagDiffers), "tagDiffers")]
[JsonDerivedType(typeof(NoError), "noError")]
[JsonDerivedType(typeof(WrongError), "wrongError")]
[JsonDerivedType(typeof(WrongErrorMessage), "wrongErrorMessage")]
[JsonDerivedType(typeof(NoticeMissing), "noticeMissing")]
[JsonDerivedType(typeof(NoticeDiffers), "noticeDiffers")]
[JsonDerivedType(typeof(TooFewResults), "tooFewResults")]
[JsonDerivedType(typeof(NoRowsAsExpected), "noRowsAsExpected")]
[JsonDerivedType(typeof(ExpectedNoRows), "expectedNoRows")]
[JsonDerivedType(typeof(RowsMatch), "rowsMatch")]
[JsonDerivedType(typeof(ColumnsDiffer), "columnsDiffer")]
[JsonDerivedType(typeof(ColumnMissing), "columnMissing")]
[JsonDerivedType(typeof(CellDiffers), "cellDiffers")]
[JsonDerivedType(typeof(RowCountDiffers), "rowCountDiffers")]
[JsonDerivedType(typeof(MatchedAfter), "matchedAfter")]
[JsonDerivedType(typeof(StillNotMatching), "stillNotMatching")]
[JsonDerivedType(typeof(NoLongerChanging), "noLongerChanging")]
[JsonDerivedType(typeof(NotCompared), "notCompared")]
[JsonDerivedType(typeof(ManualStep), "manualStep")]
[JsonDerivedType(typeof(MarkedDone), "markedDone")]
[JsonDerivedType(typeof(FileWritten), "fileWritten")]
public abstract record VerdictReason;

// ---- the step's run -------------------------------------------------------------------------------------------

public sealed record TimedOut(TimeSpan After) : VerdictReason;
public sealed record Cancelled : VerdictReason;
/// <summary>The server closed the connection mid-step and could not be reached again: an environment problem.</summary>
public sealed record ServerLost : VerdictReason;
/// <summary>The server could not be reached for the step (it went away between steps): an environment problem.</summary>
public sealed record ServerUnreachable(string Why) : VerdictReason;
/// <summary>LabRunner could not run the step (the executor threw); <paramref name="Problem"/> is the exception's message.</summary>
public sealed record CouldNotRun(string Problem) : VerdictReason;
/// <summary>A server step (start on a directory, stop, make) or a config edit failed; <paramref name="Problem"/> says why (the server log's FATAL line).</summary>
public sealed record ServerStepFailed(string Problem) : VerdictReason;
/// <summary>Not run: the step needs a consent (e.g. to run a shell command) that was not given.</summary>
public sealed record NotAllowed(Consent Needed) : VerdictReason;
/// <summary>
/// Not run: the lab runs on a shared server LabRunner did not start (--connection, a class's server), and the step needs
/// a machine of the lab's own: a shell command, a config file, a server to start or stop.
/// </summary>
public sealed record NeedsOwnServer : VerdictReason;
/// <summary>Not run: the command uses variables that have no value on this server (e.g. data_directory for a plain role).</summary>
public sealed record UnknownVariables(IReadOnlyList<string> Names) : VerdictReason;
/// <summary>Grading: the student's database could not be reached.</summary>
public sealed record Unreachable(string Why) : VerdictReason;

// ---- SQL steps ---------------------------------------------------------------------------------------------------

/// <summary>A server error as a verdict quotes it: "ERROR 42P01: relation ... (LabRunner's advice)".</summary>
public sealed record ServerError(string Severity, string SqlState, string Message, string? Advice = null);

public sealed record StepFailed(ServerError Error) : VerdictReason;
public sealed record RanWithoutError : VerdictReason;
public sealed record NoExpectation : VerdictReason;
public sealed record OutputMatches : VerdictReason;
public sealed record FailedAsExpected(string SqlState) : VerdictReason;

// ---- shell steps ---------------------------------------------------------------------------------------------------

/// <summary><paramref name="LastLine"/>: the output's last non-blank line, which usually says why.</summary>
public sealed record ExitCodeDiffers(int Expected, int Got, string? LastLine) : VerdictReason;
public sealed record ShellNoExpectation(int ExitCode) : VerdictReason;
public sealed record ShellAsExpected(int ExitCode) : VerdictReason;
public sealed record OutputLacks(string Needle) : VerdictReason;
public sealed record OutputDoesNotMatch(string Pattern) : VerdictReason;

// ---- results, errors and notices ---------------------------------------------------------------------------------

/// <summary>What kind of thing a statement produced, for "expected a table, got an error".</summary>
public enum ResultKind { Table, Tag, Error, Notice, Output }

/// <summary>A statement's result named by kind; a command tag by its text.</summary>
public sealed record ResultShape(ResultKind Kind, string? Tag = null);

public sealed record KindDiffers(ResultShape Expected, ResultShape Got) : VerdictReason;
public sealed record TagDiffers(string Expected, string Got) : VerdictReason;
/// <summary>An error was expected and the step ran without one.</summary>
public sealed record NoError(string ExpectedSqlState) : VerdictReason;
public sealed record WrongError(string ExpectedSqlState, ServerError Got) : VerdictReason;
/// <summary>The panel shows the error without its SQLSTATE, so its message was compared (and differed).</summary>
public sealed record WrongErrorMessage(string ExpectedMessage, ServerError Got) : VerdictReason;
public sealed record NoticeMissing(string Severity, string Message, IReadOnlyList<string> Got) : VerdictReason;
public sealed record NoticeDiffers(string Severity, string Expected, string Got) : VerdictReason;
/// <summary>The expectation shows more results (tables, tags, errors) than the step produced.</summary>
public sealed record TooFewResults(int Expected, int Got) : VerdictReason;

// ---- tables --------------------------------------------------------------------------------------------------------

public sealed record NoRowsAsExpected : VerdictReason;
public sealed record ExpectedNoRows(long Got) : VerdictReason;
public sealed record RowsMatch(long Count) : VerdictReason;
public sealed record ColumnsDiffer(IReadOnlyList<string> Expected, IReadOnlyList<string> Got) : VerdictReason;
public sealed record ColumnMissing(string Column, IReadOnlyList<string> Got) : VerdictReason;

/// <summary>Expected and actual row counts, when they differ.</summary>
public sealed record RowCounts(long Expected, long Got);

/// <summary>
/// One cell differs. <paramref name="Row"/> is the actual row (1-based); <paramref name="ClosestTo"/> the expected row it
/// was paired with when rows are compared in any order and they differ. The expected side is the matcher and the
/// expected text (<paramref name="FromPanel"/>: an empty cell there stands for NULL or ''). <see cref="Counts"/> is
/// set when the row counts differ too.
/// </summary>
public sealed record CellDiffers(int Row, int? ClosestTo, string Column, Matcher Matcher, string? Expected, bool FromPanel, string? Got)
    : VerdictReason
{
    public RowCounts? Counts { get; init; }
}

/// <summary>A row shown in a message: its number and its cells (null = NULL).</summary>
public sealed record ShownRow(int Row, IReadOnlyList<string?> Cells);

/// <summary>The row counts differ; the first expected row missing, or else the first unexpected actual row.</summary>
public sealed record RowCountDiffers(long Expected, long Got, ShownRow? Missing, ShownRow? Unexpected) : VerdictReason;

// ---- eventually ----------------------------------------------------------------------------------------------------

/// <summary>An `eventually` expectation matched after retrying for a while.</summary>
public sealed record MatchedAfter(VerdictReason Matched, TimeSpan After) : VerdictReason;
/// <summary>An `eventually` expectation never matched within its time; <paramref name="Last"/> is the last mismatch.</summary>
public sealed record StillNotMatching(VerdictReason Last, TimeSpan After, int Attempts) : VerdictReason;
/// <summary>
/// Gave up before the window's end: <paramref name="Marker"/> (a column matched by shape, e.g. last_autovacuum) changed
/// <paramref name="MarkerMovedAt"/> into the step, so the awaited event happened, and the result has not changed for
/// <paramref name="StableFor"/> since; it still differs as <paramref name="Last"/> says.
/// </summary>
public sealed record NoLongerChanging(VerdictReason Last, string Marker, TimeSpan MarkerMovedAt, TimeSpan StableFor, int Attempts) : VerdictReason;
