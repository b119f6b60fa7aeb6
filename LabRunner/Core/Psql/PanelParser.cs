using System.Text.RegularExpressions;
using System.Text;

namespace LabRunner.Psql;

/// <summary>Reads pasted psql output line by line into <see cref="ExpectedStatement"/>s. Lenient: authors trim, re-indent and translate.</summary>
internal sealed partial class PanelParser
{
    private readonly string[] _lines;
    private readonly List<ExpectedStatement> _statements = [];
    private int _i;
    private string? _query;

    private PanelParser(string text)
    {
        _lines = Dedent(text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n'));
    }

    /// <summary>
    /// A paste indented as a whole (inside a list item, a quote): psql prints rules, footers, record headers and
    /// messages at column 0, so their common indentation is the paste's, and comes off every line.
    /// </summary>
    private static string[] Dedent(string[] lines)
    {
        static int Indent(string l) => l.Length - l.TrimStart(' ', '\t').Length;
        var anchors = lines.Where(l => !PanelLines.IsBlank(l) &&
            (PanelLines.IsRule(l) || PanelLines.FooterCount(l) is not null || PanelLines.IsRecordHeader(l) || PanelLines.Message(l.TrimStart()) is not null)).ToList();
        if (anchors.Count == 0) return lines;
        var indent = anchors.Min(Indent);
        if (indent == 0 || lines.Any(l => !PanelLines.IsBlank(l) && Indent(l) < indent)) return lines;
        return lines.Select(l => PanelLines.IsBlank(l) ? "" : l[indent..]).ToArray();
    }

    public static IReadOnlyList<ExpectedStatement> Parse(string text) => ParsePanel(text).Statements;

    /// <summary>The statements, and the lines they were read from (dedented) to which their <see cref="ExpectedStatement.Line"/> and cell layouts refer.</summary>
    public static ExpectedPanel ParsePanel(string text)
    {
        var parser = new PanelParser(text);
        parser.Run();
        return new ExpectedPanel(parser._statements) { Lines = parser._lines };
    }

    private string Line => _lines[_i];
    private bool More => _i < _lines.Length;

    private void Run()
    {
        while (More)
        {
            var line = Line;
            var first = _i;
            if (PanelLines.IsBlank(line)) { _i++; continue; }
            if (PanelLines.PromptRest(line) is { } rest) { ReadQuery(rest); continue; }
            if (StartsTable(_i)) { Add(ReadTable(), first); continue; }
            if (PanelLines.IsRecordHeader(line)) { Add(ReadExpanded(), first); continue; }
            if (PanelLines.FooterCount(line) is { } count)
            {
                // An empty expanded result shows only "(0 rows)".
                Add(new ExpectedTable([], []) { FooterCount = count, Expanded = true }, first);
                _i++;
                continue;
            }
            if (PanelLines.Message(line) is { } message && message.Kind is PanelLines.MessageKind.Error or PanelLines.MessageKind.Notice)
            {
                Add(ReadMessage(message), first);
                continue;
            }
            _i++;
            if (PanelLines.Message(line) is not null || PanelLines.IsPositionOrCaret(line)) continue; // a stray DETAIL/HINT/LINE
            Add(PanelLines.IsTag(line) ? new ExpectedTag(line.Trim()) : new ExpectedText(line.Trim()), first);
        }
    }

    private void Add(ExpectedStatement statement, int line)
    {
        _statements.Add(statement with { Query = _query, Line = line });
        _query = null;
    }

    /// <summary>The echoed query: the prompt line and the lines after it until the statement ends (;) or output starts.</summary>
    private void ReadQuery(string first)
    {
        var query = new StringBuilder(first);
        _i++;
        if (!first.TrimStart().StartsWith('\\'))
        {
            while (More && !EndsStatement(query.ToString()) && !StartsOutput(_i))
            {
                var rest = PanelLines.PromptRest(Line);
                query.Append('\n').Append(rest ?? Line);
                _i++;
            }
        }
        var text = query.ToString().Trim();
        if (text.Length > 0) _query = _query is null ? text : _query + "\n" + text;
    }

    private static bool EndsStatement(string query)
    {
        var t = query.TrimEnd();
        return t.EndsWith(';') || t.EndsWith("\\g", StringComparison.Ordinal) || t.EndsWith("\\gx", StringComparison.Ordinal);
    }

    private bool StartsOutput(int i)
    {
        var line = _lines[i];
        if (PanelLines.IsBlank(line) || StartsTable(i) || PanelLines.IsRecordHeader(line) || PanelLines.FooterCount(line) is not null) return true;
        if (PanelLines.Message(line) is { Kind: PanelLines.MessageKind.Error or PanelLines.MessageKind.Notice }) return true;
        // A continuation prompt (curso-> ) still belongs to the query; a fresh prompt (curso=> ) starts another.
        return PanelLines.PromptRest(line) is not null && !IsContinuationPrompt(line);
    }

    private static bool IsContinuationPrompt(string line)
    {
        var gt = line.IndexOfAny(['>', '#']);
        return gt > 0 && line[gt - 1] is '-' or '\'' or '"' or '(';
    }

    private bool StartsTable(int i) =>
        i + 1 < _lines.Length && !PanelLines.IsBlank(_lines[i]) && !PanelLines.IsRule(_lines[i]) && PanelLines.IsRule(_lines[i + 1]);

    private ExpectedTable ReadTable()
    {
        var header = Line;
        var headerLine = _i;
        var rule = _lines[_i + 1];
        _i += 2;
        var bounds = RuleBoundaries(rule);
        var headerCells = SplitCells(header, bounds);
        var columns = headerCells.Select(c => c.Text.Trim()).ToList();
        var headerSpans = headerCells.Select(c => new CellSpan(headerLine, c.Start, c.Text.Length)).ToList();
        var rowSpans = new List<IReadOnlyList<CellSpan>>();
        var rows = new List<IReadOnlyList<string?>>();
        string[]? current = null;
        bool[] continues = new bool[columns.Count];
        int? footer = null;
        int? elidedAt = null;
        while (More)
        {
            var line = Line;
            if (PanelLines.IsBlank(line) && EmptyRows(columns.Count, rows.Count) is { } empty)
            {
                // A void function's value (pg_advisory_lock, pg_sleep) prints as a line of spaces: rows, not the end.
                for (var k = 0; k < empty; k++)
                {
                    rows.Add([""]);
                    rowSpans.Add([new CellSpan(_i, 0, 0)]);
                    _i++;
                }
                continue;
            }
            if (PanelLines.IsBlank(line)) break;
            if (PanelLines.FooterCount(line) is { } n) { footer = n; _i++; break; }
            if (elidedAt is null && rows.Count > 0 && ElisionMark().IsMatch(line)) { elidedAt = rows.Count; _i++; continue; }
            if (EndsTable(_i)) break;
            // \d-style footers ("Indexes:") follow the rows directly: a line without a separator is no row of a wider table.
            if (columns.Count > 1 && !line.Contains('|') && !continues.Any(x => x)) break;
            var raw = SplitCells(line, bounds);
            var cells = new string[columns.Count];
            var nextContinues = new bool[columns.Count];
            for (var c = 0; c < columns.Count; c++)
            {
                var cell = c < raw.Count ? raw[c].Text : "";
                var trimmed = cell.TrimEnd();
                // psql marks a value that goes on in the next line with '+' in the cell's trailing pad.
                if (trimmed.EndsWith('+') && (c < columns.Count - 1 ? cell.Length > 0 && cell[^1] == '+' : true) && NextIsRow())
                {
                    nextContinues[c] = true;
                    trimmed = trimmed[..^1];
                }
                cells[c] = trimmed.Trim();
            }
            if (current is not null && continues.Any(x => x))
            {
                for (var c = 0; c < columns.Count; c++)
                    if (continues[c]) current[c] += "\n" + cells[c];
            }
            else
            {
                current = cells;
                rows.Add(current);
                var row = _i;
                rowSpans.Add(raw.Take(columns.Count).Select(c => new CellSpan(row, c.Start, c.Text.Length)).ToList());
            }
            continues = nextContinues;
            _i++;
        }
        return new ExpectedTable(columns, rows) { FooterCount = footer, Layout = new TableLayout(headerSpans, rowSpans), ElidedAt = elidedAt };
    }

    /// <summary>
    /// Blank lines that are the empty values of a one-column table: as many as the footer after them counts beyond the
    /// rows read. Anywhere else a blank line ends the table.
    /// </summary>
    private int? EmptyRows(int columns, int rowsRead)
    {
        if (columns != 1) return null;
        var k = 0;
        while (_i + k < _lines.Length && PanelLines.IsBlank(_lines[_i + k])) k++;
        return _i + k < _lines.Length && PanelLines.FooterCount(_lines[_i + k]) == rowsRead + k ? k : null;
    }

    private bool NextIsRow() =>
        _i + 1 < _lines.Length && !PanelLines.IsBlank(_lines[_i + 1]) && PanelLines.FooterCount(_lines[_i + 1]) is null && !EndsTable(_i + 1);

    private bool EndsTable(int i)
    {
        var line = _lines[i];
        return (PanelLines.PromptRest(line) is not null && !line.StartsWith(' '))
            || (PanelLines.Message(line) is { Kind: PanelLines.MessageKind.Error or PanelLines.MessageKind.Notice } && !line.Contains('|'))
            || StartsTable(i) || PanelLines.IsRecordHeader(line);
    }

    /// <summary>Display columns of the '+' joints in a rule line; cell separators '|' stand at the same columns.</summary>
    private static int[] RuleBoundaries(string rule)
    {
        var bounds = new List<int>();
        for (var k = 0; k < rule.Length; k++) if (rule[k] == '+') bounds.Add(k);
        return [.. bounds];
    }

    /// <summary>
    /// Cells with their padding and where each starts in the line. Values rarely hold '|', so a plain split wins when the
    /// count fits; else the rule's columns decide.
    /// </summary>
    private static List<(string Text, int Start)> SplitCells(string line, int[] bounds)
    {
        var plain = line.Split('|');
        if (plain.Length == bounds.Length + 1)
        {
            var start = 0;
            return plain.Select(p => { var c = (p, start); start += p.Length + 1; return c; }).ToList();
        }
        var cells = new List<(string, int)>();
        var cell = new StringBuilder();
        int col = 0, b = 0, at = 0, cellStart = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            if (b < bounds.Length && col == bounds[b] && rune.Value == '|')
            {
                cells.Add((cell.ToString(), cellStart));
                cell.Clear();
                cellStart = at + 1;
                b++;
            }
            else cell.Append(rune.ToString());
            col += Math.Max(0, DisplayWidth.OfRune(rune));
            at += rune.Utf16SequenceLength;
        }
        cells.Add((cell.ToString(), cellStart));
        return cells;
    }

    /// <summary>Expanded (\x) output: one "-[ RECORD n ]" block per row, "name | value" lines, '+' for values that go on.</summary>
    private ExpectedTable ReadExpanded()
    {
        var columns = new List<string>();
        var rows = new List<IReadOnlyList<string?>>();
        List<string>? names = null;
        List<string>? values = null;
        var continues = false;
        int? footer = null;
        while (More)
        {
            var line = Line;
            if (PanelLines.IsRecordHeader(line))
            {
                Flush();
                names = [];
                values = [];
                continues = false;
                _i++;
                continue;
            }
            if (PanelLines.IsBlank(line)) break;
            if (PanelLines.FooterCount(line) is { } n) { footer = n; _i++; break; }
            if (EndsTable(_i) || names is null || values is null) break;
            var bar = line.IndexOf('|');
            if (bar < 0) break;
            var name = line[..bar].Trim();
            var value = line[(bar + 1)..];
            if (value.StartsWith(' ')) value = value[1..];
            var trimmed = value.TrimEnd();
            var goesOn = trimmed.EndsWith('+') && NextIsExpandedContinuation();
            if (goesOn) trimmed = trimmed[..^1].TrimEnd();
            if (continues && name.Length == 0 && values.Count > 0) values[^1] += "\n" + trimmed;
            else { names.Add(name); values.Add(trimmed); }
            continues = goesOn;
            _i++;
        }
        Flush();
        return new ExpectedTable(columns, rows) { FooterCount = footer, Expanded = true };

        void Flush()
        {
            if (names is null || values is null) return;
            if (columns.Count == 0) columns.AddRange(names);
            rows.Add(columns.Select(c => names.IndexOf(c) is var k and >= 0 ? values[k] : null).ToList());
            names = null;
            values = null;
        }
    }

    private bool NextIsExpandedContinuation()
    {
        if (_i + 1 >= _lines.Length) return false;
        var next = _lines[_i + 1];
        var bar = next.IndexOf('|');
        return bar >= 0 && next[..bar].Trim().Length == 0;
    }

    private ExpectedStatement ReadMessage((PanelLines.MessageKind Kind, string Severity, string? SqlState, string Text) message)
    {
        _i++;
        if (message.Kind == PanelLines.MessageKind.Notice)
            return new ExpectedNotice(message.Severity, message.Text);
        string? detail = null, hint = null;
        while (More)
        {
            var line = Line;
            if (PanelLines.IsPositionOrCaret(line)) { _i++; continue; }
            if (PanelLines.Message(line) is not { } next) break;
            if (next.Kind == PanelLines.MessageKind.Detail) detail = next.Text;
            else if (next.Kind == PanelLines.MessageKind.Hint) hint = next.Text;
            else if (next.Kind != PanelLines.MessageKind.Other) break;
            _i++;
        }
        return new ExpectedError(message.Severity, message.SqlState, message.Text) { Detail = detail, Hint = hint };
    }

    /// <summary>"...", "(...)", "…", "[...]" alone on a line inside a table: rows the author left out.</summary>
    [GeneratedRegex(@"^\s*(?:\.\.\.|…|\(\.\.\.\)|\(…\)|\[\.\.\.\])\s*$")]
    private static partial Regex ElisionMark();
}
