using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// EXPLAIN ANALYZE pastes the author's timings (actual time=0.012..3.136, Planning Time: 0.217 ms): no run gives them
/// again. Nor the planner's estimates (cost=5.07..218.01 rows=100): ANALYZE reads a random sample of a big table, so
/// a fresh run estimates rows=99 and other costs. What the lab teaches is the plan's nodes, conditions and actual rows.
/// A column matcher is one pattern for every cell of QUERY PLAN, so it is the alternation of the pasted lines with
/// those numbers as any number: each line of the run must be one of the author's lines (the row count is still
/// compared; their order is not).
/// </summary>
internal static partial class PlanTimings
{
    public const string Column = "QUERY PLAN";

    /// <summary>A pasted plan of EXPLAIN ANALYZE with times in it.</summary>
    public static bool Applies(string sql, ExpectedTable table) =>
        table.Columns is [Column] && ExplainAnalyze().IsMatch(sql) && table.Rows.Any(r => r is [{ } line] && Timing().IsMatch(line));

    public static Matcher.Regex Matcher(ExpectedTable table)
    {
        var lines = table.Rows.Select(r => r.Count > 0 ? r[0] ?? "" : "").Select(Pattern).Distinct(StringComparer.Ordinal);
        return new Matcher.Regex(@"^\s*(?:" + string.Join("|", lines) + @")\s*$");
    }

    /// <summary>One pasted line as a pattern: its text exactly (spaces as they are), each time as any number.</summary>
    private static string Pattern(string line)
    {
        var text = line.Trim();
        var pattern = new System.Text.StringBuilder();
        var at = 0;
        foreach (Match m in Timing().Matches(text))
        {
            pattern.Append(Regex.Escape(text[at..m.Index]));
            pattern.Append(m.Groups["pair"].Success ? @"\d+(?:\.\d+)?\.\.\d+(?:\.\d+)?"
                : m.Groups["estimate"].Success ? @"cost=\d+(?:\.\d+)?\.\.\d+(?:\.\d+)? rows=\d+"
                : @"\d+(?:\.\d+)? ms");
            at = m.Index + m.Length;
        }
        pattern.Append(Regex.Escape(text[at..]));
        return pattern.ToString();
    }

    [GeneratedRegex(@"\bEXPLAIN\s*\((?=[^)]*\bANALYZE\b)[^)]*\)|\bEXPLAIN\s+(?:VERBOSE\s+)?ANALYZE\b", RegexOptions.IgnoreCase)]
    private static partial Regex ExplainAnalyze();

    [GeneratedRegex(@"(?<=actual time=)(?<pair>\d+(?:\.\d+)?\.\.\d+(?:\.\d+)?)|(?<estimate>cost=\d+(?:\.\d+)?\.\.\d+(?:\.\d+)? rows=\d+)|\b\d+(?:\.\d+)? ms\b")]
    private static partial Regex Timing();
}
