using System.Globalization;
using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// Renders results exactly as <c>psql -X</c> prints them in its default aligned format (border 1, ascii lines):
/// tables, expanded (\x) records, command tags, notices and errors with their LINE/caret cursor, and says where each
/// table's cells landed (<see cref="PsqlText"/>). The one psql renderer: step output, the checker's diff and the TUI's
/// expected tables all come from here. A port of the relevant parts of PostgreSQL's fe_utils/print.c and libpq's
/// error-message builder; pure.
/// </summary>
public static class PsqlFormatter
{
    /// <summary>The text psql prints for one result.</summary>
    public static string Format(StatementResult result, bool expanded = false)
    {
        var sb = new StringBuilder();
        Append(sb, result, expanded);
        return sb.ToString();
    }

    /// <summary>
    /// A table to show or compare that did not come from a server (an expectation's rows): missing cells are empty,
    /// right alignment as given (psql right-aligns numbers).
    /// </summary>
    public static ResultSet Shaped(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<string?>> rows, IReadOnlyList<bool> rightAligned) =>
        new(columns.Select((name, c) => new ResultColumn(name, "text", rightAligned.ElementAtOrDefault(c))).ToList(),
            rows.Select(r => (IReadOnlyList<string?>)columns.Select((_, c) => c < r.Count ? r[c] : null).ToList()).ToList(),
            rows.Count, "");

    /// <summary>Where the cells of a table just appended are, as offsets into the text (<see cref="PsqlText"/> makes lines of them).</summary>
    internal sealed class Cells
    {
        public List<(int Offset, int Length)> Headers { get; } = [];
        public List<List<(int Offset, int Length)>> Rows { get; } = [];
    }

    /// <summary>Appends one result; for a table, returns where its cells are.</summary>
    internal static Cells? Append(StringBuilder sb, StatementResult result, bool expanded = false)
    {
        switch (result)
        {
            case ResultSet rs when expanded: return AppendExpanded(sb, rs);
            case ResultSet rs: return AppendAligned(sb, rs);
            case CommandTag tag: sb.Append(tag.Tag).Append('\n'); break;
            case ServerNotice notice: AppendNotice(sb, notice); break;
            case StatementError error: AppendError(sb, error); break;
            case MetaCommandOutput meta: sb.Append(meta.Text); break;
            case ShellResult shell: sb.Append(shell.Output); break;
            case LinesLeftOut gap: sb.Append(gap.Text); break;
        }
        return null;
    }

    /// <summary>psql's default footer: "(1 row)", "(N rows)".</summary>
    public static string RowCountFooter(long rows) =>
        rows == 1 ? "(1 row)" : string.Create(CultureInfo.InvariantCulture, $"({rows} rows)");

    private static Cells AppendAligned(StringBuilder sb, ResultSet rs)
    {
        var cells = new Cells();
        var cols = rs.Columns.Count;
        var headers = rs.Columns.Select(c => DisplayWidth.Format(c.Name)).ToArray();
        var widths = headers.Select(h => h.Max(l => l.Width)).ToArray();
        foreach (var row in rs.Rows)
        {
            for (var j = 0; j < cols; j++)
            {
                var w = DisplayWidth.MaxWidth(row[j] ?? rs.NullDisplay);
                if (w > widths[j]) widths[j] = w;
            }
        }

        if (rs.Title is { } title)
        {
            var total = widths.Sum() + (cols > 0 ? cols * 3 - 1 : 0);
            var tw = DisplayWidth.Format(title).Max(l => l.Width);
            if (tw < total) sb.Append(' ', (total - tw) / 2);
            sb.Append(title).Append('\n');
        }

        AppendHeader(sb, headers, widths, cells);
        sb.Append('-');
        for (var j = 0; j < cols; j++)
        {
            sb.Append('-', widths[j]);
            if (j < cols - 1) sb.Append("-+-");
        }
        sb.Append("-\n");

        if (cols > 0)
        {
            var lines = new List<DisplayWidth.Line>[cols];
            foreach (var row in rs.Rows)
            {
                for (var j = 0; j < cols; j++) lines[j] = DisplayWidth.Format(row[j] ?? rs.NullDisplay);
                cells.Rows.Add([]);
                AppendRow(sb, rs.Columns, lines, widths, cells.Rows[^1]);
            }
        }

        AppendFooters(sb, rs.Footers ?? [RowCountFooter(rs.RowCount)]);
        sb.Append('\n');
        return cells;
    }

    private static void AppendHeader(StringBuilder sb, List<DisplayWidth.Line>[] headers, int[] widths, Cells cells)
    {
        var cols = headers.Length;
        var done = new bool[cols];
        var remaining = cols;
        for (var line = 0; remaining > 0; line++)
        {
            for (var i = 0; i < cols; i++)
            {
                var at = sb.Length; // a cell is what stands between the separators: " name "
                sb.Append(' '); // header_nl_left is also " " in the ascii style
                if (!done[i])
                {
                    var l = headers[i][line];
                    var spaces = widths[i] - l.Width;
                    sb.Append(' ', spaces / 2).Append(l.Text).Append(' ', (spaces + 1) / 2);
                    if (line + 1 >= headers[i].Count) { done[i] = true; remaining--; }
                }
                else
                {
                    sb.Append(' ', widths[i]);
                }
                sb.Append(done[i] ? ' ' : '+');
                if (line == 0) cells.Headers.Add((at, sb.Length - at));
                if (i < cols - 1) sb.Append('|');
            }
            sb.Append('\n');
        }
    }

    private static void AppendRow(StringBuilder sb, IReadOnlyList<ResultColumn> columns, List<DisplayWidth.Line>[] cells, int[] widths,
        List<(int Offset, int Length)> spans)
    {
        var cols = cells.Length;
        Span<int> current = cols <= 64 ? stackalloc int[cols] : new int[cols];
        current.Clear();
        bool more;
        do
        {
            more = false;
            for (var j = 0; j < cols; j++)
            {
                var lines = cells[j];
                var notLast = j < cols - 1;
                var right = columns[j].RightAligned;
                var chars = widths[j];
                var at = sb.Length;
                sb.Append(' '); // nl_left is " " too
                if (current[j] >= lines.Count)
                {
                    if (notLast) sb.Append(' ', widths[j]);
                }
                else
                {
                    var l = lines[current[j]];
                    chars = l.Width;
                    if (right) sb.Append(' ', widths[j] - chars);
                    sb.Append(l.Text);
                    current[j]++;
                    if (current[j] < lines.Count) more = true;
                }
                var continues = current[j] < lines.Count && current[j] != 0;
                if (!right && (notLast || continues)) sb.Append(' ', widths[j] - chars);
                if (continues) sb.Append('+');
                else if (notLast) sb.Append(' ');
                if (spans.Count < cols) spans.Add((at, sb.Length - at)); // the cell's first line, in characters
                if (notLast) sb.Append('|');
            }
            sb.Append('\n');
        } while (more);
    }

    private static void AppendFooters(StringBuilder sb, IReadOnlyList<string> footers)
    {
        foreach (var f in footers) sb.Append(f).Append('\n');
    }

    private static Cells AppendExpanded(StringBuilder sb, ResultSet rs)
    {
        var cells = new Cells();
        var cols = rs.Columns.Count;
        if (rs.Rows.Count == 0 || cols == 0)
        {
            // psql prints only the footer when there are no cells at all.
            AppendFooters(sb, rs.Footers ?? [RowCountFooter(rs.RowCount)]);
            sb.Append('\n');
            return cells;
        }

        var headers = rs.Columns.Select(c => DisplayWidth.Format(c.Name)).ToArray();
        var hwidth = headers.Max(h => h.Max(l => l.Width));
        var dwidth = 0;
        var dmultiline = false;
        foreach (var row in rs.Rows)
        {
            foreach (var cell in row)
            {
                var lines = DisplayWidth.Format(cell ?? rs.NullDisplay);
                if (lines.Count > 1) dmultiline = true;
                foreach (var l in lines) dwidth = Math.Max(dwidth, l.Width);
            }
        }

        if (rs.Title is { } title) sb.Append(title).Append('\n');

        var record = 0;
        foreach (var row in rs.Rows)
        {
            AppendRecordLine(sb, ++record, hwidth, dwidth);
            cells.Rows.Add([]);
            for (var j = 0; j < cols; j++)
            {
                var hlines = headers[j];
                var dlines = DisplayWidth.Format(row[j] ?? rs.NullDisplay);
                int hline = 0, dline = 0;
                bool hcomplete = false, dcomplete = false;
                while (!dcomplete || !hcomplete)
                {
                    if (!hcomplete)
                    {
                        var h = hlines[hline];
                        sb.Append(h.Text);
                        if (hwidth - h.Width > 0) sb.Append(' ', hwidth - h.Width);
                        if (hline + 1 < hlines.Count) { sb.Append('+'); hline++; }
                        else { sb.Append(' '); hcomplete = true; }
                    }
                    else
                    {
                        sb.Append(' ', hwidth + 1);
                    }
                    sb.Append('|');
                    var valueAt = sb.Length; // " value" after the bar
                    var firstValueLine = dline == 0 && !dcomplete;
                    if (!dcomplete)
                    {
                        var d = dlines[dline];
                        sb.Append(' ').Append(d.Text);
                        if (dline + 1 < dlines.Count)
                        {
                            if (dmultiline)
                            {
                                if (dwidth - d.Width > 0) sb.Append(' ', dwidth - d.Width);
                                sb.Append('+');
                            }
                            dline++;
                        }
                        else
                        {
                            dcomplete = true;
                        }
                    }
                    if (firstValueLine) cells.Rows[^1].Add((valueAt, sb.Length - valueAt));
                    sb.Append('\n');
                }
            }
        }

        if (rs.Footers is { } footers)
        {
            sb.Append('\n');
            AppendFooters(sb, footers);
        }
        sb.Append('\n');
        return cells;
    }

    private static void AppendRecordLine(StringBuilder sb, int record, int hwidth, int dwidth)
    {
        sb.Append('-');
        var label = string.Create(CultureInfo.InvariantCulture, $"[ RECORD {record} ]");
        sb.Append(label);
        var reclen = label.Length + 1;
        for (var i = reclen; i < hwidth; i++) sb.Append('-');
        reclen -= hwidth;
        if (reclen-- <= 0) sb.Append('-');
        if (reclen-- <= 0) sb.Append('+');
        if (reclen-- <= 0) sb.Append('-');
        if (reclen < 0) reclen = 0;
        for (var i = reclen; i < dwidth; i++) sb.Append('-');
        sb.Append('\n');
    }

    private static void AppendNotice(StringBuilder sb, ServerNotice n)
    {
        sb.Append(n.Severity).Append(":  ").Append(n.Message).Append('\n');
        if (n.Detail is { } detail) sb.Append("DETAIL:  ").Append(detail).Append('\n');
        if (n.Hint is { } hint) sb.Append("HINT:  ").Append(hint).Append('\n');
    }

    /// <summary>libpq's default-verbosity error text, as psql shows it (CONTEXT included: psql's SHOW_CONTEXT=errors).</summary>
    private static void AppendError(StringBuilder sb, StatementError e)
    {
        sb.Append(e.Location);
        // No severity: libpq's own message (the connection broke), which psql prints as it is.
        if (e.Severity.Length > 0) sb.Append(e.Severity).Append(":  ");
        sb.Append(e.Message).Append('\n');
        if (e.Position is > 0 && e.Statement is { } statement)
            ErrorCursor.Append(sb, statement, e.Position.Value);
        else if (e.InternalPosition is > 0 && e.InternalQuery is { } internalQuery)
            ErrorCursor.Append(sb, internalQuery, e.InternalPosition.Value);
        if (e.Detail is { } detail) sb.Append("DETAIL:  ").Append(detail).Append('\n');
        if (e.Hint is { } hint) sb.Append("HINT:  ").Append(hint).Append('\n');
        if (e.InternalQuery is { } query) sb.Append("QUERY:  ").Append(query).Append('\n');
        if (e.Context is { } context) sb.Append("CONTEXT:  ").Append(context).Append('\n');
    }
}
