using System.Globalization;
using System.Text.RegularExpressions;

namespace LabRunner.Labs.Yaml;

internal sealed partial class LabYamlBuilder
{
    private static readonly TimeSpan DefaultEvery = TimeSpan.FromSeconds(2);

    private Expectation? Expect(YMapping map, bool shellStep)
    {
        var f = new Fields(map, LabKeys.Expect, "expect", d);
        if (map.Entries.Count == 0) d.Error(map, "\"expect\" has nothing to check", "add panel:, rows:, error:, exit_code:, prose: ... or remove expect");
        var panel = f.Text("panel");
        var columns = Columns(f.List("columns"));
        var rows = Rows(f.List("rows"), columns);
        if (rows is not null && columns is null) d.Error(f.KeyOf("rows")!, "\"rows\" need \"columns\"", "add \"columns: [name, ...]\" naming the rows' columns in order");
        var matchers = Matchers(f.Map("match"), columns);
        var ordered = f.Bool("ordered");
        var subset = f.Bool("subset");
        var eventually = f.Map("eventually") is { } ev ? Eventually(ev) : null;
        var watch = f.Map("watch") is { } w ? Watch(w) : null;
        if (watch is not null && f.Get("eventually") is null)
            d.Error(f.KeyOf("watch")!, "\"watch\" needs \"eventually\"", "add e.g. \"eventually: { within: 3m, every: 2s }\": how long and how often to re-run");
        var error = f.Scalar("error");
        if (error is not null)
        {
            if (shellStep) d.Error(f.KeyOf("error")!, "\"error\" (a SQLSTATE) applies to sql steps only", "for shell steps use exit_code: and output_contains:");
            else if (!SqlState().IsMatch(error.Value))
                d.Error(error, $"bad SQLSTATE \"{error.Value}\"", "a SQLSTATE has 5 characters, digits and capital letters, e.g. \"42883\" (quote it)");
        }
        var exitCode = f.Integer("exit_code");
        if (exitCode is not null && !shellStep) d.Error(f.KeyOf("exit_code")!, "\"exit_code\" applies to shell steps only", "for sql steps use error: with a SQLSTATE");
        var contains = f.Text("output_contains");
        var matches = f.Scalar("output_matches");
        var rowCount = f.Integer("row_count");
        if (rowCount is < 0) d.Error(f.KeyOf("row_count")!, "\"row_count\" cannot be negative", "the number of rows the step's last result has, e.g. row_count: 3");
        if (rowCount is not null && shellStep) d.Error(f.KeyOf("row_count")!, "\"row_count\" applies to sql steps only", "for shell steps use output_contains: or output_matches:");
        var prose = f.Text("prose");
        if (matches is not null) CheckRegex(matches);
        return new Expectation
        {
            Panel = panel,
            Columns = columns,
            Rows = rows,
            Matchers = matchers,
            Ordered = ordered,
            SubsetOfColumns = subset ?? false,
            Eventually = eventually,
            Watch = watch,
            ErrorSqlState = error?.Value,
            ExitCode = exitCode,
            OutputContains = contains,
            OutputMatches = matches?.Value,
            RowCount = rowCount,
            Prose = prose,
            Location = map.Location,
        };
    }

    private List<string>? Columns(YSequence? list)
    {
        if (list is null) return null;
        var columns = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is not YScalar { IsNull: false } s) { d.Error(item, "each column should be a name", "write \"columns: [relname, n_live_tup]\""); continue; }
            if (columns.Contains(s.Value)) d.Error(s, $"column \"{s.Value}\" is named twice", "name each column once (alias duplicates in the query with AS)");
            columns.Add(s.Value);
        }
        return columns;
    }

    private List<IReadOnlyList<string?>>? Rows(YSequence? list, List<string>? columns)
    {
        if (list is null) return null;
        var rows = new List<IReadOnlyList<string?>>();
        foreach (var item in list.Items)
        {
            if (item is not YSequence row) { d.Error(item, "each row should be a list of cells", "write \"- [value1, value2]\" (null for SQL NULL)"); continue; }
            var cells = new List<string?>();
            foreach (var cell in row.Items)
            {
                if (cell is YScalar s) cells.Add(s.IsNull ? null : s.Value);
                else d.Error(cell, $"a cell should be a value, not {cell.KindName}", "quote the text of the cell");
            }
            if (columns is not null && row.Items.Count != columns.Count)
                d.Error(row, $"the row has {Count(row.Items.Count, "cell")} but there are {Count(columns.Count, "column")}", "give every row one cell per column (null for SQL NULL)");
            rows.Add(cells);
        }
        return rows;
    }

    private Dictionary<string, Matcher> Matchers(YMapping? map, List<string>? columns)
    {
        var matchers = new Dictionary<string, Matcher>(StringComparer.Ordinal);
        if (map is null) return matchers;
        foreach (var (column, value) in map.Entries)
        {
            if (columns is not null && !columns.Contains(column.Value))
            {
                var suggestion = DidYouMean.Suggest(column.Value, columns);
                d.Error(column, $"column \"{column.Value}\" is not in columns", suggestion is not null ? $"did you mean \"{suggestion}\"?" : $"match one of: {string.Join(", ", columns)}");
                continue;
            }
            if (MatcherOf(value) is { } matcher) matchers[column.Value] = matcher;
        }
        return matchers;
    }

    private Matcher? MatcherOf(YNode node)
    {
        if (node is YScalar s)
        {
            Matcher? named = s.Value switch
            {
                "exact" => new Matcher.Exact(),
                "any" => new Matcher.Any(),
                "not_null" => new Matcher.NotNull(),
                "null" => new Matcher.Null(),
                "timestamp" => new Matcher.Shape(ValueShape.Timestamp),
                "date" => new Matcher.Shape(ValueShape.Date),
                "lsn" => new Matcher.Shape(ValueShape.Lsn),
                "pid" => new Matcher.Shape(ValueShape.Pid),
                "uuid" => new Matcher.Shape(ValueShape.Uuid),
                "interval" => new Matcher.Shape(ValueShape.Interval),
                "xid" => new Matcher.Shape(ValueShape.Xid),
                "tid" => new Matcher.Shape(ValueShape.Tid),
                "pid_list" => new Matcher.Shape(ValueShape.PidList),
                "wal_file" => new Matcher.Shape(ValueShape.WalFile),
                _ => null,
            };
            if (named is not null) return named;
            var suggestion = DidYouMean.Suggest(s.Value, LabKeys.MatcherNames);
            d.Error(s, $"unknown matcher \"{s.Value}\"",
                suggestion is not null ? $"did you mean \"{suggestion}\"?" : $"use one of: {string.Join(", ", LabKeys.MatcherNames)}, {{ tolerance: 1% }} or {{ regex: \"...\" }}");
            return null;
        }
        if (node is not YMapping map)
        {
            d.Error(node, "a matcher should be a name or a mapping", "write e.g. \"timestamp\", \"{ tolerance: 1% }\" or \"{ regex: \\\"^a\\\" }\"");
            return null;
        }
        var f = new Fields(map, LabKeys.Matcher, "a matcher", d);
        if (map.Entries.Count != 1)
        {
            d.Error(map, "a matcher mapping takes exactly one of tolerance or regex", "write \"{ tolerance: 1% }\" or \"{ regex: \\\"...\\\" }\"");
            return null;
        }
        if (f.Scalar("regex") is { } regex) return CheckRegex(regex) ? new Matcher.Regex(regex.Value) : null;
        if (f.Scalar("tolerance") is not { } tolerance) return null;
        var text = tolerance.Value.Trim();
        var percent = text.EndsWith('%');
        if (double.TryParse(percent ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var amount) && amount >= 0)
            return new Matcher.Tolerance(amount, percent);
        d.Error(tolerance, $"bad tolerance \"{tolerance.Value}\"", "write an amount (0.5) or a percentage (1%)");
        return null;
    }

    private bool CheckRegex(YScalar node)
    {
        try
        {
            _ = new Regex(node.Value);
            return true;
        }
        catch (RegexParseException e)
        {
            var reason = e.Message[(e.Message.IndexOf($"offset {e.Offset}.", StringComparison.Ordinal) is var i and >= 0 ? i + $"offset {e.Offset}.".Length : 0)..].Trim().TrimEnd('.');
            d.Error(node, $"bad regular expression \"{node.Value}\": {reason} (at character {e.Offset})", "fix the pattern (.NET syntax); single quotes avoid YAML escapes");
            return false;
        }
    }

    private Eventually? Eventually(YMapping map)
    {
        var f = new Fields(map, LabKeys.Eventually, "eventually", d);
        var within = f.Duration("within", required: true);
        var every = f.Duration("every") ?? DefaultEvery;
        if (within is null) return null;
        if (every > within)
        {
            d.Error(f.Get("every") ?? (YNode)map, $"\"every\" ({LabDurations.Format(every)}) is longer than \"within\" ({LabDurations.Format(within.Value)})", "retry more often than the time limit, e.g. every: 2s");
            return null;
        }
        return new Eventually(within.Value, every);
    }

    private Watch? Watch(YMapping map)
    {
        var f = new Fields(map, LabKeys.Watch, "watch", d);
        var series = TextList(f, "series");
        if (series.Count == 0) d.Error(f.KeyOf("series") ?? (YNode)map, "\"watch\" needs \"series\"", "name the numeric columns to record, e.g. series: [n_live_tup, n_dead_tup]");
        return new Watch(series, f.Text("marker"), f.Text("threshold"));
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";

    [GeneratedRegex(@"^[0-9A-Z]{5}$")]
    private static partial Regex SqlState();
}
