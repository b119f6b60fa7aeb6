using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// What "the import is equivalent to the bundled lab" means: same server needs, tasks, steps, actions (after resolving the
/// lab's own variables and normalising whitespace), sessions, databases, variants and expectations. Ids, Markdown text and
/// comments are not compared. Returns every difference, one line each.
/// </summary>
public static partial class LabEquivalence
{
    public static List<string> Differences(Lab expected, Lab actual)
    {
        var d = new List<string>();
        void Same<T>(string what, T a, T b) { if (!Equals(a, b)) d.Add($"{what}: expected {a}, got {b}"); }
        Same("title", expected.Title, actual.Title);
        Same("language", expected.Language, actual.Language);
        Same("duration", expected.Duration, actual.Duration);
        Same("objectives", string.Join("|", expected.Objectives), string.Join("|", actual.Objectives));
        Same("images", string.Join("|", expected.Images), string.Join("|", actual.Images));
        Same("server.database", expected.Server.Database, actual.Server.Database);
        Same("server.versions", expected.Server.Versions, actual.Server.Versions);
        Same("server.settings", Flat(expected.Server.Settings), Flat(actual.Server.Settings));
        Same("server.wal_archive", expected.Server.WalArchive ?? "", actual.Server.WalArchive ?? "");
        Same("server.tools", string.Join(",", expected.Server.Tools), string.Join(",", actual.Server.Tools));
        Same("task count", expected.Tasks.Count, actual.Tasks.Count);
        foreach (var (te, ta) in expected.Tasks.Zip(actual.Tasks))
        {
            var where = te.Title.Split('.')[0];
            Same($"{where} title", te.Title, ta.Title);
            Same($"{where} step count", te.Steps.Count, ta.Steps.Count);
            if (te.Checks.Count != ta.Checks.Count) d.Add($"{where} checks: expected {te.Checks.Count}, got {ta.Checks.Count}");
            foreach (var (se, sa) in te.Steps.Zip(ta.Steps))
            {
                var at = $"{where} {se.Title}";
                // The Markdown import keeps the lab's numbering and adds the step's own words ("Paso 1." → "Paso 1. Iniciar...").
                if (!sa.Title.StartsWith(se.Title, StringComparison.Ordinal)) d.Add($"{at} title: expected {se.Title}, got {sa.Title}");
                Same($"{at} action", Action(expected, se.Action), Action(actual, sa.Action));
                Same($"{at} variants", string.Join(" || ", se.Variants.Select(v => $"{v.Versions}: {Action(expected, v.Action)}")),
                    string.Join(" || ", sa.Variants.Select(v => $"{v.Versions}: {Action(actual, v.Action)}")));
                Same($"{at} expect", Expect(se.Expect), Expect(sa.Expect));
                Same($"{at} background", se.Background, sa.Background);
            }
        }
        return d;
    }

    private static string Flat(IReadOnlyDictionary<string, string> map) => string.Join(",", map.OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}"));

    private static string Action(Lab lab, StepAction action) => action switch
    {
        SqlAction sql => $"sql[{sql.Session}@{sql.Database ?? lab.Server.Database}] {Normal(LabVariables.Substitute(sql.Sql, lab.Variables))}",
        ShellAction shell => $"shell {Normal(LabVariables.Substitute(shell.Script, lab.Variables))}",
        FileAction file => $"file {file.Path}: {Normal(file.Content)}",
        ManualAction => "manual",
        _ => action.ToString(),
    };

    private static string Expect(Expectation? x) => x is null ? "none" : string.Join("; ", new[]
    {
        x.Panel is null ? null : $"panel {Normal(x.Panel)}",
        x.Columns is null ? null : $"columns {string.Join(",", x.Columns)}",
        x.Rows is null ? null : $"rows {string.Join("/", x.Rows.Select(r => string.Join(",", r.Select(c => c ?? "NULL"))))}",
        x.Matchers.Count == 0 ? null : $"match {string.Join(",", x.Matchers.OrderBy(m => m.Key).Select(m => $"{m.Key}={m.Value}"))}",
        x.Ordered is null ? null : $"ordered {x.Ordered}",
        x.SubsetOfColumns ? "subset" : null,
        x.Eventually is null ? null : $"eventually {x.Eventually.Within}/{x.Eventually.Every}",
        x.ErrorSqlState is null ? null : $"error {x.ErrorSqlState}",
        x.ExitCode is null ? null : $"exit {x.ExitCode}",
        x.OutputContains is null ? null : $"contains {x.OutputContains}",
        x.OutputMatches is null ? null : $"matches {x.OutputMatches}",
        x.Prose is null ? null : $"prose {Normal(x.Prose)}",
    }.Where(s => s is not null));

    public static string Normal(string text) => Spaces().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
