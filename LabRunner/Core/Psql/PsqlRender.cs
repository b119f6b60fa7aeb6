using System.Text;

namespace LabRunner.Psql;

/// <summary>psql's aligned format, enough to render expected and actual the same way for a readable diff.</summary>
internal static class PsqlRender
{
    public static string Table(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<string?>> rows, IReadOnlyList<bool> rightAligned)
    {
        var data = rows.Select(r => columns.Select((_, c) => (c < r.Count ? r[c] : null) ?? "").ToArray()).ToList();
        var widths = columns.Select((name, c) => Math.Max(DisplayWidth.MaxWidth(name),
            data.Select(r => r[c].Split('\n').Max(DisplayWidth.MaxWidth)).DefaultIfEmpty(0).Max())).ToArray();
        var sb = new StringBuilder();
        sb.Append(string.Join("|", columns.Select((name, c) =>
        {
            var pad = widths[c] - DisplayWidth.MaxWidth(name);
            return " " + new string(' ', pad / 2) + name + new string(' ', pad - pad / 2) + " ";
        }))).Append('\n');
        sb.Append(string.Join("+", widths.Select(w => new string('-', w + 2)))).Append('\n');
        foreach (var row in data)
        {
            var lines = row.Select(v => v.Split('\n')).ToArray();
            var height = lines.Max(l => l.Length);
            for (var k = 0; k < height; k++)
            {
                var line = new StringBuilder();
                for (var c = 0; c < columns.Count; c++)
                {
                    var text = k < lines[c].Length ? lines[c][k] : "";
                    var more = k < lines[c].Length - 1;
                    var pad = new string(' ', widths[c] - DisplayWidth.MaxWidth(text));
                    var last = c == columns.Count - 1;
                    line.Append(c == 0 ? " " : "| ");
                    line.Append(rightAligned.ElementAtOrDefault(c) ? pad + text : text + (last && !more ? "" : pad));
                    line.Append(more ? "+" : last ? "" : " ");
                }
                sb.Append(line.ToString().TrimEnd()).Append('\n');
            }
        }
        sb.Append(data.Count == 1 ? "(1 row)" : $"({data.Count} rows)").Append('\n');
        return sb.ToString();
    }
}
