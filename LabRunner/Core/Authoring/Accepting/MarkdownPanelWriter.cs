namespace LabRunner.Authoring.Accepting;

/// <summary>
/// Puts a new expected panel into a course Markdown lab in place: only the body of the code block at the given line
/// (the "Resultado esperado" block the reader took the panel from) changes; its fences, indentation and every other
/// byte of the file stay. Line endings follow the file's.
/// </summary>
public static class MarkdownPanelWriter
{
    /// <param name="line">The 1-based line where the code block starts (its opening fence, or its first indented line).</param>
    public static string Replace(string text, int line, string panel)
    {
        var newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = text.Split('\n').ToList();
        if (line < 1 || line > lines.Count) throw new UserErrorException($"line {line} is not in the Markdown lab any more");
        string Bare(int i) => lines[i].TrimEnd('\r');
        var first = Bare(line - 1);
        var indent = first.Length - first.TrimStart(' ').Length;
        var trimmed = first.TrimStart(' ');
        var body = panel.TrimEnd('\n').Split('\n');
        if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
        {
            var fence = new string(trimmed[0], trimmed.TakeWhile(c => c == trimmed[0]).Count());
            var close = line;
            while (close < lines.Count && !Bare(close).TrimStart(' ').StartsWith(fence, StringComparison.Ordinal)) close++;
            var pad = new string(' ', indent);
            lines.RemoveRange(line, close - line);
            lines.InsertRange(line, body.Select(l => (l.Length == 0 ? "" : pad + l) + (newline == "\r\n" ? "\r" : "")));
        }
        else
        {
            // An indented code block: its lines are those indented by 4 (blank lines inside it included).
            var end = line - 1;
            while (end < lines.Count && (Bare(end).StartsWith("    ", StringComparison.Ordinal) || (Bare(end).Trim().Length == 0 && end + 1 < lines.Count && Bare(end + 1).StartsWith("    ", StringComparison.Ordinal)))) end++;
            var pad = new string(' ', Math.Max(4, indent));
            lines.RemoveRange(line - 1, end - (line - 1));
            lines.InsertRange(line - 1, body.Select(l => (l.Length == 0 ? "" : pad + l) + (newline == "\r\n" ? "\r" : "")));
        }
        return string.Join('\n', lines);
    }
}
