using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring;

/// <summary>
/// Warnings `labrunner validate` adds about expected results that will mislead: rows compared in order that the query
/// does not order, a pasted panel edited by hand (its `(N rows)` or its column widths no longer match its rows), and a
/// shell step that writes outside the lab's folders, and a grader's check that compares nothing.
/// </summary>
public static partial class LabLint
{
    public static IEnumerable<Diagnostic> Check(Lab lab)
    {
        foreach (var dependency in TaskDependencies.Of(lab).Where(d => !d.Task.Needs.Contains(d.Needed.Id)))
            yield return new Diagnostic(dependency.At.Location, Severity.Warning,
                $"{dependency.Task.Id}/{dependency.At.Id}: uses {dependency.Relation}, which task {dependency.Needed.Id} makes: needs task " +
                $"{dependency.Needed.Id}, without saying so",
                $"add \"needs: [{dependency.Needed.Id}]\" to task {dependency.Task.Id} (`check --task {dependency.Task.Id}` then runs it first), or make what it uses in its own steps");
        foreach (var task in lab.Tasks)
        {
            foreach (var check in task.Checks.Where(c => c.Expect?.Compares != true && c.Action is not ManualAction))
                yield return new Diagnostic(check.Location, Severity.Warning,
                    $"{task.Id}/{check.Id}: the check compares nothing: it never passes, so it earns no points",
                    "give it an expect: a panel, columns and rows, an error, an exit code or output_contains");
            foreach (var step in task.Steps.Concat(task.Checks))
            {
                foreach (var script in step.Variants.Select(v => v.Action).Prepend(step.Action).OfType<ShellAction>().Select(a => a.Script).Distinct())
                    if (ShellWrites.Outside(script) is { Count: > 0 } outside)
                        yield return new Diagnostic(step.Location, Severity.Warning,
                            $"{task.Id}/{step.Id}: the shell step writes to {string.Join(", ", outside)}, outside the lab's folders: in the sandbox that " +
                            "is read-only (the step fails), and run unconfined it would change the user's machine",
                            "write under {{workdir}} (the lab's work folder), /tmp or the servers' folders (/var/lib/postgresql, /etc/postgresql)");
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
                    if (table.FooterCount is { } count && count != table.Rows.Count && table.ElidedAt is null)
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

    /// <summary>
    /// Whether the panel's lines break psql's layout: every column is as wide as its rule segment (its widest cell + 2),
    /// so a "|" sits under each "+" of the rule, and no cell of the last column (which psql does not pad on the right)
    /// reaches the rule's last dash. Read on the raw lines, so plans, indented and multi-line (+) cells are judged as
    /// psql prints them; a rule wider than needed is not flagged (a stripped trailing space cannot be told from it).
    /// </summary>
    private static bool WidthsDiffer(ExpectedPanel panel, ExpectedTable table)
    {
        var lines = panel.Lines.Skip(table.Line).ToList();
        var ruleAt = lines.FindIndex(PanelLines.IsRule);
        if (ruleAt < 0) return false;
        var rule = lines[ruleAt];
        var indent = rule.Length - rule.TrimStart().Length;
        var boundaries = Enumerable.Range(0, rule.Length).Where(i => rule[i] == '+').ToList();
        if (boundaries.Count + 1 != table.Columns.Count) return false;
        var header = lines.Take(ruleAt).LastOrDefault(l => l.Trim().Length > 0);
        // Rows start with psql's left pad; a \d footer ("Índices:", "Particiones: …") or "(N rows)" ends them.
        var body = lines.Skip(ruleAt + 1).TakeWhile(l => l.Trim().Length > 0 && PanelLines.FooterCount(l) is null && l.Length > indent && l[indent] == ' ');
        foreach (var raw in body.Prepend(header ?? ""))
        {
            if (raw.Length <= indent || raw[..indent].Trim().Length > 0) continue;
            var line = raw.TrimEnd();
            if (boundaries.Any(b => b < line.Length && line[b] != '|')) return true;
            var content = line.EndsWith('+') ? line[..^1].TrimEnd() : line;
            if (DisplayWidth.OfText(content) >= DisplayWidth.OfText(rule)) return true;
        }
        return false;
    }

    [GeneratedRegex(@"\bORDER\s+BY\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();
}
