using System.Text;
using System.Text.RegularExpressions;
using Terminal.Gui.Text;

namespace LabRunner.Tui;

/// <summary>
/// Markdown pipe tables in plain-text panes (the overview's help table), drawn as aligned columns: a course's
/// "Tabla de ayuda" read as raw `| a | b |` / `|---|---|` lines. Other lines pass through as they are.
/// </summary>
public static partial class PipeTables
{
    public static IEnumerable<string> Align(IReadOnlyList<string> lines)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (!IsRow(lines[i]) || i + 1 >= lines.Count || !Delimiter().IsMatch(lines[i + 1].Trim()))
            {
                yield return lines[i];
                continue;
            }
            var indent = lines[i][..(lines[i].Length - lines[i].TrimStart().Length)];
            var rows = new List<List<string>> { Cells(lines[i]) };
            var end = i + 2;
            for (; end < lines.Count && IsRow(lines[end]); end++) rows.Add(Cells(lines[end]));
            foreach (var line in Draw(rows)) yield return indent + line;
            i = end - 1;
        }
    }

    private static IEnumerable<string> Draw(List<List<string>> rows)
    {
        var columns = rows.Max(r => r.Count);
        var widths = Enumerable.Range(0, columns).Select(c => rows.Max(r => c < r.Count ? r[c].GetColumns() : 0)).ToList();
        string Row(List<string> cells) => string.Join("  ", Enumerable.Range(0, columns)
            .Select(c => Pad(c < cells.Count ? cells[c] : "", widths[c]))).TrimEnd();
        yield return Row(rows[0]);
        yield return string.Join("  ", widths.Select(w => new string('─', Math.Max(w, 1))));
        foreach (var row in rows.Skip(1)) yield return Row(row);
    }

    private static string Pad(string cell, int width) => cell + new string(' ', Math.Max(0, width - cell.GetColumns()));

    private static bool IsRow(string line) => line.TrimStart().StartsWith('|');

    /// <summary>Cells between unescaped pipes; a cell that is one code span shows without its backticks.</summary>
    private static List<string> Cells(string line)
    {
        var text = line.Trim();
        if (text.StartsWith('|')) text = text[1..];
        if (text.EndsWith('|') && !text.EndsWith("\\|", StringComparison.Ordinal)) text = text[..^1];
        var cells = new List<string>();
        var cell = new StringBuilder();
        for (var k = 0; k < text.Length; k++)
        {
            if (text[k] == '\\' && k + 1 < text.Length && text[k + 1] == '|') { cell.Append('|'); k++; continue; }
            if (text[k] == '|') { cells.Add(cell.ToString()); cell.Clear(); continue; }
            cell.Append(text[k]);
        }
        cells.Add(cell.ToString());
        return cells.Select(c => CodeSpan().Match(c.Trim()) is { Success: true } m ? m.Groups[1].Value : c.Trim()).ToList();
    }

    [GeneratedRegex(@"^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?$")]
    private static partial Regex Delimiter();

    [GeneratedRegex(@"^`([^`]+)`$")]
    private static partial Regex CodeSpan();
}
