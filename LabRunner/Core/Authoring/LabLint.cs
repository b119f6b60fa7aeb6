using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring;

/// <summary>
/// Warnings `labrunner validate` adds about expected results that will mislead: rows compared in order that the query
/// does not order, and a pasted panel edited by hand (its `(N rows)` or its column widths no longer match its rows).
/// </summary>
public static partial class LabLint
{
    public static IEnumerable<Diagnostic> Check(Lab lab)
    {
        foreach (var task in lab.Tasks)
        {
            foreach (var step in task.Steps.Concat(task.Checks))
            {
                if (step.Expect is not { Panel: { } panel } expect || step.Action is not SqlAction sql) continue;
                var at = expect.Location == SourceLocation.None ? step.Location : expect.Location;
                var name = $"{task.Id}/{step.Id}";
                var parsed = ExpectedPanel.Parse(panel);
                if (expect.Ordered == true && !OrderBy().IsMatch(sql.Sql) && parsed.Tables.Any(t => t.Rows.Count > 1))
                    yield return new Diagnostic(at, Severity.Warning,
                        $"{name}: its rows are compared in order, but its query has no ORDER BY: the server may return them in any order",
                        "add ORDER BY to the query, or remove \"ordered: true\"");
                foreach (var table in parsed.Tables.Where(t => !t.Expanded))
                {
                    if (table.FooterCount is { } count && count != table.Rows.Count)
                        yield return new Diagnostic(at, Severity.Warning,
                            $"{name}: the panel says ({count} rows) but shows {table.Rows.Count}: edited by hand?",
                            "paste the panel again from psql, or record it with `labrunner check --accept`");
                    else if (WidthsDiffer(parsed, table))
                        yield return new Diagnostic(at, Severity.Warning,
                            $"{name}: the panel's column widths do not match its cells (psql pads each column to its widest value): edited by hand?",
                            "paste the panel again from psql, or record it with `labrunner check --accept`");
                }
            }
        }
    }

    /// <summary>psql's rule line has, for each column, its widest cell (or header) + 2 dashes.</summary>
    private static bool WidthsDiffer(ExpectedPanel panel, ExpectedTable table)
    {
        var rule = panel.Lines.Skip(table.Line).FirstOrDefault(l => PanelLines.IsRule(l));
        if (rule is null) return false;
        var segments = rule.Trim().Split('+');
        if (segments.Length != table.Columns.Count) return false;
        for (var c = 0; c < segments.Length; c++)
        {
            var widest = table.Rows.Select(r => DisplayWidth.MaxWidth(r.ElementAtOrDefault(c) ?? "")).Append(DisplayWidth.MaxWidth(table.Columns[c])).Max();
            if (segments[c].Length != widest + 2) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\bORDER\s+BY\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();
}
