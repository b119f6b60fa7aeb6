using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DiffPlex.Renderer;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Checking;

/// <summary>
/// Holds a step's output against its expectation and explains the outcome: cell by cell (never as text), rows in any order
/// unless the query sorts them, volatile values (now() timestamps, LSNs, pids, durations) matched by shape, errors by SQLSTATE.
/// </summary>
public static partial class ExpectationChecker
{
    [GeneratedRegex(@"\border\s+by\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderByPattern();

    /// <summary>Checks one output; the verdict says why as data (the catalogue in LabRunner.Text words it).</summary>
    public static Verdict Check(StepAction action, Expectation? expectation, StepOutput output)
    {
        if (output.Outcome == StepOutcome.TimedOut)
            return Verdict.Error(new TimedOut(output.Duration));
        if (output.Outcome == StepOutcome.Cancelled)
            return Verdict.Error(new Cancelled());
        if (output.Outcome == StepOutcome.ConnectionLost)
            return Verdict.Error(output.Results.OfType<StatementError>().LastOrDefault() is { } last && last.Message != StepOutput.ServerClosedConnection
                ? new ServerUnreachable(last.Message) : new ServerLost());
        return action switch
        {
            ManualAction => Verdict.Manual(),
            FileAction file => output.Outcome == StepOutcome.Completed
                ? Verdict.Ran(new FileWritten(file.Path))
                : Verdict.Error(new CouldNotRun(output.Text.Trim())),
            ShellAction => CheckShell(expectation, output),
            // A server that did not start (or stop) fails its step even with nothing expected; the output keeps the log.
            ServerAction or EditAction when output.Outcome != StepOutcome.Completed =>
                Verdict.Fail(new ServerStepFailed(output.Text.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "")),
            _ => CheckSql(action, expectation, output),
        };
    }

    private static Verdict CheckShell(Expectation? expectation, StepOutput output)
    {
        var shell = output.Results.OfType<ShellResult>().LastOrDefault();
        var exit = shell?.ExitCode ?? (output.Outcome == StepOutcome.Completed ? 0 : -1);
        var text = shell?.Output ?? output.Text;
        var wanted = expectation?.ExitCode ?? 0;
        if (exit != wanted)
        {
            // The last line usually says why (rsync: "some files vanished..."); the whole output stays in the step's output.
            var last = text.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0);
            return Verdict.Fail(new ExitCodeDiffers(wanted, exit, last));
        }
        if (expectation is null)
            return Verdict.Ran(new ShellNoExpectation(exit));
        if (!expectation.Compares)
            return expectation.Prose is { } prose ? Verdict.Shown(ProseKinds.Of(prose)) : Verdict.Ran(new ShellNoExpectation(exit));
        return CheckText(expectation, text) ?? Verdict.Pass(new ShellAsExpected(exit));
    }

    private static Verdict? CheckText(Expectation expectation, string text)
    {
        // Pasted output loses the spaces at line ends (and a terminal never shows them): lines are compared without them.
        if (expectation.OutputContains is { } needle && !LineEnds(text).Contains(LineEnds(needle).Trim('\n'), StringComparison.Ordinal))
            return Verdict.Fail(new OutputLacks(needle));
        if (expectation.OutputMatches is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.Multiline))
            return Verdict.Fail(new OutputDoesNotMatch(pattern));
        return null;
    }

    private static Verdict CheckSql(StepAction action, Expectation? expectation, StepOutput output)
    {
        var error = output.FirstError;
        if (expectation is null)
            return error is null
                ? Verdict.Ran(new NoExpectation())
                : Verdict.Fail(new StepFailed(Describe(error)));

        var panel = expectation.Panel is { } text ? ExpectedPanel.Parse(text) : null;
        if (expectation.ErrorSqlState is { } state)
        {
            var errors = output.Results.OfType<StatementError>().ToList();
            if (errors.Count == 0) return Verdict.Fail(new NoError(state));
            if (errors.All(e => e.SqlState != state)) return Verdict.Fail(new WrongError(state, Describe(errors[0])));
        }
        else if (error is not null && panel?.Statements.OfType<ExpectedError>().Any() != true)
            return Verdict.Fail(new StepFailed(Describe(error))) with { Diff = panel is null ? null : Diff(panel.Statements, Actual(output, panel.Statements), NoPairings) };

        var notes = new List<VerdictNote>();
        if (panel is not null)
        {
            var verdict = ComparePanel(action, expectation, panel.Statements, output, notes);
            if (verdict is not null) return verdict with { Notes = notes };
        }
        if (expectation.Columns is { } columns)
        {
            var rows = expectation.Rows ?? [];
            var table = new ExpectedTable(columns, rows) { FromPanel = false };
            var verdict = ComparePanel(action, expectation, [table], output, notes, structured: true);
            if (verdict is not null) return verdict with { Notes = notes };
        }
        if (expectation.RowCount is { } count && CheckRowCount(count, output) is { } counted) return counted with { Notes = notes };
        if (CheckText(expectation, output.Text) is { } textVerdict) return textVerdict with { Notes = notes };
        // Nothing was compared (a sentence, a picture, a panel of words only): never "output matches".
        if (expectation.Prose is { } prose && (!expectation.Compares || panel is not null && !Comparable(panel) && expectation.Columns is null && expectation.ErrorSqlState is null))
            return Verdict.Shown(ProseKinds.Of(prose)) with { Notes = notes };
        if (panel is not null && !Comparable(panel) && expectation.Columns is null && expectation.ErrorSqlState is null
            && expectation.OutputContains is null && expectation.OutputMatches is null)
            return Verdict.Shown(ProseKind.Prose) with { Notes = notes };
        if (!expectation.Compares) return Verdict.Ran(new RanWithoutError()) with { Notes = notes };
        VerdictReason what = expectation.ErrorSqlState is { } s ? new FailedAsExpected(s)
            : panel is null && expectation.Columns is null && expectation.RowCount is { } wantedRows ? new RowsMatch(wantedRows)
            : new OutputMatches();
        return Verdict.Pass(what) with { Notes = notes };
    }

    /// <summary>The number of rows of the step's last result set; null when it matches.</summary>
    private static Verdict? CheckRowCount(int expected, StepOutput output) =>
        output.Results.OfType<ResultSet>().LastOrDefault() is not { } last
            ? Verdict.Fail(new KindDiffers(new ResultShape(ResultKind.Table), output.Results.Count > 0 ? Shape(output.Results[^1]) : new ResultShape(ResultKind.Output)))
            : last.RowCount == expected ? null : Verdict.Fail(new RowCountDiffers(expected, last.RowCount, null, null));

    /// <summary>A panel that shows a table, a tag, an error or a notice (not only lines of words).</summary>
    private static bool Comparable(ExpectedPanel panel) => panel.Statements.Any(st => st is not ExpectedText);

    private static string LineEnds(string text) => string.Join("\n", text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()));

    /// <summary>Compares expected statements with the step's results in order; null when they all match (notes filled).</summary>
    private static Verdict? ComparePanel(StepAction action, Expectation expectation, IReadOnlyList<ExpectedStatement> expected,
        StepOutput output, List<VerdictNote> notes, bool structured = false)
    {
        // Notices go to stderr and tables to stdout: a paste may show them in either order, so they are matched on their own.
        var wantedNotices = expected.OfType<ExpectedNotice>().ToList();
        if (!structured && wantedNotices.Count > 0)
        {
            var gotNotices = output.Results.OfType<ServerNotice>().ToList();
            var k = 0;
            foreach (var notice in wantedNotices)
            {
                while (k < gotNotices.Count && gotNotices[k].Message != notice.Message) k++;
                if (k == gotNotices.Count)
                    return Verdict.Fail(new NoticeMissing(notice.Severity, notice.Message, gotNotices.Select(n => n.Message).ToList()));
                k++;
            }
        }
        var wanted = expected.Where(s => s is not ExpectedText and not ExpectedNotice).ToList();
        var actual = structured ? output.Results.OfType<ResultSet>().Cast<StatementResult>().ToList() : Actual(output, wanted);
        if (wanted.Count == 0) return null;
        if (actual.Count < wanted.Count)
            return Verdict.Fail(new TooFewResults(wanted.Count, actual.Count))
                with
            { Diff = Diff(wanted, actual, NoPairings) };
        if (actual.Count > wanted.Count)
        {
            notes.Add(new ComparedLast(wanted.Count, actual.Count));
            actual = actual.Skip(actual.Count - wanted.Count).ToList();
        }
        var ordered = expectation.Ordered ?? OrderByPattern().IsMatch(action.Command);
        var pairings = new Dictionary<int, IReadOnlyList<int>>();
        for (var k = 0; k < wanted.Count; k++)
        {
            var problem = CompareOne(wanted[k], actual[k], expectation, ordered, notes, out var pairing);
            if (pairing is not null) pairings[k] = pairing;
            if (problem is not null)
                return problem with
                {
                    Diff = Diff(wanted, actual, pairings),
                    // Which statement of the panel and which result of the output the differing cell is in (for highlighting).
                    FirstDifference = problem.FirstDifference is { } cell
                        ? cell with { ActualResult = IndexOf(output.Results, actual[k]), ExpectedStatement = structured ? null : IndexOf(expected, wanted[k]) }
                        : null,
                };
        }
        return null;
    }

    private static Verdict? CompareOne(ExpectedStatement expected, StatementResult actual, Expectation expectation, bool ordered,
        List<VerdictNote> notes, out IReadOnlyList<int>? pairing)
    {
        pairing = null;
        switch (expected, actual)
        {
            case (ExpectedTable table, ResultSet set):
                var comparison = new TableComparer(table, set, expectation, ordered).Compare();
                pairing = comparison.Pairing;
                foreach (var n in comparison.Notes) if (!notes.Contains(n)) notes.Add(n);
                return comparison.Matches ? null : Verdict.Fail(comparison.Reason) with { FirstDifference = comparison.FirstDifference };
            case (ExpectedTag tag, CommandTag got):
                return tag.Tag == got.Tag ? null : Verdict.Fail(new TagDiffers(tag.Tag, got.Tag));
            case (ExpectedError want, StatementError got):
                if (want.SqlState is not null)
                    return want.SqlState == got.SqlState ? null : Verdict.Fail(new WrongError(want.SqlState, Describe(got)));
                // Without a SQLSTATE only the text can tell, and it depends on the server's language: note it, compare leniently.
                if (want.Message == got.Message) return null;
                notes.Add(new ErrorComparedByMessage());
                return Verdict.Fail(new WrongErrorMessage(want.Message, Describe(got)));
            case (ExpectedNotice want, ServerNotice got):
                return want.Message == got.Message ? null : Verdict.Fail(new NoticeDiffers(want.Severity, want.Message, got.Message));
            default:
                return Verdict.Fail(new KindDiffers(Shape(expected), Shape(actual)));
        }
    }

    private static int IndexOf<T>(IReadOnlyList<T> list, T item) where T : class
    {
        for (var k = 0; k < list.Count; k++) if (ReferenceEquals(list[k], item)) return k;
        return -1;
    }

    /// <summary>The results worth comparing: tags and notices only when the author pasted some (psql shows them, authors often trim them).</summary>
    private static List<StatementResult> Actual(StepOutput output, IReadOnlyList<ExpectedStatement> expected)
    {
        var tags = expected.Any(s => s is ExpectedTag);
        var notices = expected.Any(s => s is ExpectedNotice);
        return output.Results.Where(r => r switch
        {
            ResultSet or StatementError => true,
            CommandTag => tags,
            ServerNotice => notices,
            _ => false,
        }).ToList();
    }

    private static ServerError Describe(StatementError e) => new(e.Severity, e.SqlState, e.Message, e.Advice);

    private static ResultShape Shape(object o) => o switch
    {
        ExpectedTable or ResultSet => new(ResultKind.Table),
        ExpectedTag tag => new(ResultKind.Tag, tag.Tag),
        CommandTag tag => new(ResultKind.Tag, tag.Tag),
        ExpectedError or StatementError => new(ResultKind.Error),
        ExpectedNotice or ServerNotice => new(ResultKind.Notice),
        _ => new(ResultKind.Output),
    };

    private static readonly IReadOnlyDictionary<int, IReadOnlyList<int>> NoPairings = new Dictionary<int, IReadOnlyList<int>>();

    /// <summary>Expected and actual rendered alike (psql aligned), so the diff shows values, not spacing.</summary>
    private static string Diff(IReadOnlyList<ExpectedStatement> expected, IReadOnlyList<StatementResult> actual,
        IReadOnlyDictionary<int, IReadOnlyList<int>> pairings)
    {
        var e = new StringBuilder();
        for (var k = 0; k < expected.Count; k++)
        {
            var aligned = actual.ElementAtOrDefault(k) as ResultSet;
            e.Append(expected[k] switch
            {
                ExpectedTable t => RenderExpected(t, aligned, pairings.GetValueOrDefault(k)),
                ExpectedTag t => t.Tag + "\n",
                ExpectedError x => $"{x.Severity}:  {(x.SqlState is null ? "" : x.SqlState + ": ")}{x.Message}\n",
                ExpectedNotice n => $"{n.Severity}:  {n.Message}\n",
                ExpectedText t => t.Text + "\n",
                _ => "",
            });
        }
        var a = new StringBuilder();
        foreach (var r in actual)
            a.Append(r switch
            {
                ResultSet s => Table(s with { Title = null, Footers = null, RowCount = s.Rows.Count }),
                CommandTag t => t.Tag + "\n",
                StatementError x => $"{x.Severity}:  {(expected.OfType<ExpectedError>().Any(w => w.SqlState is not null) ? x.SqlState + ": " : "")}{x.Message}\n",
                ServerNotice n => $"{n.Severity}:  {n.Message}\n",
                _ => "",
            });
        return TextDiff(e.ToString(), a.ToString());
    }

    /// <summary>Expected rows in the order of the actual rows they paired with; matched volatile cells show the actual value.</summary>
    private static string RenderExpected(ExpectedTable table, ResultSet? actual, IReadOnlyList<int>? pairing)
    {
        var rows = table.Rows.Select((row, r) => (row, partner: pairing?.ElementAtOrDefault(r) ?? -1)).ToList();
        if (actual is not null && pairing is not null)
            rows = rows.OrderBy(x => x.partner < 0 ? int.MaxValue : x.partner).ToList();
        var rendered = rows.Select(x =>
        {
            if (actual is null || x.partner < 0 || x.partner >= actual.Rows.Count) return x.row;
            return (IReadOnlyList<string?>)x.row.Select((cell, c) =>
            {
                var k = actual.Columns.ToList().FindIndex(col => col.Name == table.Columns[c]);
                if (k < 0 || cell is null) return cell;
                var got = actual.Rows[x.partner][k];
                var volatileCell = table.FromPanel && ValueShapes.Volatile(table.Columns[c], cell) is { } shape && got is not null && ValueShapes.Fits(shape, got);
                return volatileCell || CellMatch.Shown(cell) == CellMatch.Shown(got) ? got : cell;
            }).ToList();
        });
        var right = table.Columns.Select(name => actual?.Columns.FirstOrDefault(c => c.Name == name)?.RightAligned
            ?? table.Rows.All(r => r.ElementAtOrDefault(table.Columns.ToList().IndexOf(name)) is var v && (string.IsNullOrEmpty(v) || double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))).ToList();
        return Table(PsqlFormatter.Shaped(table.Columns, rendered.ToList(), right));
    }

    /// <summary>A table as psql prints it, without the blank line after its footer (expected and actual alike).</summary>
    private static string Table(ResultSet set) => PsqlFormatter.Format(set)[..^1];

    internal static string TextDiff(string expected, string actual) =>
        UnidiffRenderer.GenerateUnidiff(expected, actual, "expected", "actual", ignoreWhitespace: false, ignoreCase: false, contextLines: 3);
}
