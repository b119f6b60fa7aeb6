namespace LabRunner.Psql;

/// <summary>Where `\g (format=unaligned tuples_only=on) FILE` sends one result, and how it prints it there.</summary>
public sealed record QueryOutput(string File, bool Unaligned, bool TuplesOnly)
{
    /// <summary>The arguments of \g / \gx, or null when they send the result to the screen (none, or a |pipe).</summary>
    public static QueryOutput? Parse(string arguments)
    {
        var rest = arguments.Trim();
        bool unaligned = false, tuplesOnly = false;
        if (rest.StartsWith('('))
        {
            var close = rest.IndexOf(')', StringComparison.Ordinal);
            if (close < 0) return null;
            foreach (var option in rest[1..close].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var (key, value) = option.IndexOf('=', StringComparison.Ordinal) is var eq and > 0 ? (option[..eq], option[(eq + 1)..]) : (option, "on");
                var on = value is "on" or "true" or "yes" or "1";
                switch (key)
                {
                    case "format": unaligned = value.StartsWith('u'); break;
                    case "tuples_only" or "t": tuplesOnly = on; break;
                }
            }
            rest = rest[(close + 1)..].Trim();
        }
        if (rest.Length == 0 || rest.StartsWith('|')) return null;
        if (rest.Length >= 2 && rest[0] is '\'' or '"' && rest[^1] == rest[0]) rest = rest[1..^1];
        return new QueryOutput(rest, unaligned, tuplesOnly);
    }

    /// <summary>What psql writes to the file for one result, in this output's format.</summary>
    public string Render(StatementResult result, bool expanded)
    {
        if (result is not ResultSet rs) return PsqlFormatter.Format(result, expanded);
        if (Unaligned)
        {
            var sb = new System.Text.StringBuilder();
            if (!TuplesOnly) sb.Append(string.Join('|', rs.Columns.Select(c => c.Name))).Append('\n');
            foreach (var row in rs.Rows) sb.Append(string.Join('|', row.Select(v => v ?? rs.NullDisplay))).Append('\n');
            if (!TuplesOnly) sb.Append(PsqlFormatter.RowCountFooter(rs.RowCount)).Append('\n');
            return sb.ToString();
        }
        var text = PsqlFormatter.Format(rs, expanded);
        if (!TuplesOnly || expanded) return text;
        // Aligned with tuples only: the data rows, without header, rule, footer and the blank line after it.
        var lines = text.TrimEnd('\n').Split('\n');
        return string.Concat(lines.Skip(2).Take(Math.Max(0, lines.Length - 3)).Select(l => l + "\n"));
    }
}
