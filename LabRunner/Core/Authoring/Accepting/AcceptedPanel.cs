using System.Text;
using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Accepting;

/// <summary>
/// The expected panel a real run gives, as an author would paste it and the student will see it: psql's text of the
/// step's results (one renderer, same width rules), the author's prompt and echoed query kept in front, the footer in
/// the panel's language ("(2 filas)" stays Spanish), and volatile cells (a column with a matcher: a timestamp, an LSN)
/// keeping the value the author pasted rather than this run's.
/// </summary>
public static partial class AcceptedPanel
{
    /// <summary>The new panel, or null when the results cannot be written as a panel (rows left out of a huge result).</summary>
    public static string? From(Expectation expect, IReadOnlyList<StatementResult> results)
    {
        if (results.OfType<ResultSet>().Any(r => r.Truncated) || results.OfType<LinesLeftOut>().Any()) return null;
        var old = expect.Panel is { } text ? ExpectedPanel.Parse(text) : null;
        var oldTables = old?.Tables.ToList() ?? [];
        var spanish = expect.Panel is { } p && SpanishFooter().IsMatch(p);
        var sb = new StringBuilder();
        if (old is { Statements.Count: > 0 } && old.Statements[0].Query is not null)
            foreach (var line in old.Lines.Take(old.Statements[0].Line)) sb.Append(line).Append('\n');
        var table = 0;
        foreach (var result in results)
        {
            if (result is ResultSet rs)
            {
                var before = table < oldTables.Count ? oldTables[table] : null;
                var kept = KeepVolatile(rs, before, expect.Matchers);
                var rendered = PsqlFormatter.Format(kept, expanded: before?.Expanded == true);
                if (spanish && kept.Footers is null)
                    rendered = rendered.Replace(PsqlFormatter.RowCountFooter(kept.RowCount) + "\n",
                        kept.RowCount == 1 ? "(1 fila)\n" : $"({kept.RowCount.ToString(System.Globalization.CultureInfo.InvariantCulture)} filas)\n", StringComparison.Ordinal);
                sb.Append(rendered);
                table++;
            }
            else sb.Append(PsqlFormatter.Format(result));
        }
        return sb.ToString().TrimEnd('\n', ' ') + "\n";
    }

    /// <summary>Cells of matched columns keep the pasted value of the same row, so a re-accepted panel does not churn.</summary>
    private static ResultSet KeepVolatile(ResultSet rs, ExpectedTable? before, IReadOnlyDictionary<string, Matcher> matchers)
    {
        if (before is null || matchers.Count == 0) return rs;
        var columns = rs.Columns.Select((c, i) => (c.Name, i))
            .Where(c => matchers.TryGetValue(c.Name, out var m) && m is not Matcher.Exact)
            .Select(c => (c.i, Old: before.Columns.ToList().IndexOf(c.Name)))
            .Where(c => c.Old >= 0).ToList();
        if (columns.Count == 0) return rs;
        var rows = rs.Rows.Select((row, r) =>
        {
            if (r >= before.Rows.Count) return row;
            var copy = row.ToArray();
            foreach (var (i, o) in columns) copy[i] = before.Rows[r].ElementAtOrDefault(o);
            return (IReadOnlyList<string?>)copy;
        }).ToList();
        return rs with { Rows = rows };
    }

    [GeneratedRegex(@"(?m)^\s*\(\d+ filas?\)\s*$")]
    private static partial Regex SpanishFooter();
}
