namespace LabRunner.Tui;

/// <summary>Finds a cell of a psql aligned table in rendered text, so the screen can highlight the cell a verdict points at.</summary>
public static class TableLocator
{
    /// <summary>A span of one line: the line's index, the first column and the width.</summary>
    public readonly record struct Span(int Line, int Start, int Length);

    public static bool IsRule(string line) =>
        line.Length > 0 && line[0] == '-' && line.All(c => c is '-' or '+');

    /// <summary>The cell at a 0-based data row and column of the last table in the text, or null when there is none.</summary>
    public static Span? Cell(IReadOnlyList<string> lines, int row, int column)
    {
        var rule = -1;
        for (var i = lines.Count - 1; i >= 0; i--) if (IsRule(lines[i])) { rule = i; break; }
        if (rule < 0 || row < 0 || column < 0) return null;
        var borders = new List<int> { -1 };
        for (var i = 0; i < lines[rule].Length; i++) if (lines[rule][i] == '+') borders.Add(i);
        borders.Add(lines[rule].Length);
        if (column >= borders.Count - 1) return null;
        var line = rule + 1 + row;
        if (line >= lines.Count || lines[line].StartsWith('(')) return null;
        var start = borders[column] + 1;
        var length = borders[column + 1] - start;
        return new Span(line, start, length);
    }

    /// <summary>The 0-based index of a column of the last table, by its (trimmed) header text.</summary>
    public static int? ColumnIndex(IReadOnlyList<string> lines, string name)
    {
        for (var i = lines.Count - 1; i > 0; i--)
        {
            if (!IsRule(lines[i])) continue;
            var headers = lines[i - 1].Split('|').Select(h => h.Trim()).ToList();
            var index = headers.IndexOf(name);
            return index < 0 ? null : index;
        }
        return null;
    }

    /// <summary>The header cell (for a differing column name or a missing column).</summary>
    public static Span? Header(IReadOnlyList<string> lines, int column)
    {
        var cell = Cell(lines, 0, column);
        return cell is { } c ? c with { Line = c.Line - 2 } : null;
    }
}
