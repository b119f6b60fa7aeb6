using LabRunner.Labs.Yaml;

namespace LabRunner.Authoring.Accepting;

/// <summary>
/// Puts a new expected panel into a lab YAML's text in place of a step's `expect: panel:`, and changes nothing else:
/// comments, key order, the author's `match:` and `eventually` stay byte for byte. The panel is written as a literal
/// block at the key's indentation + 2 (with an indentation indicator when it starts with spaces, as psql's output does).
/// </summary>
public static class YamlPanelWriter
{
    public static string Replace(string text, string taskId, string stepId, string panel)
    {
        var diagnostics = new DiagnosticBag();
        var root = YamlTreeReader.Read(new SourceText("lab.yaml", text), diagnostics) as YMapping
            ?? throw new UserErrorException("the lab file is not a YAML mapping any more");
        var task = Item(Value(root, "tasks"), taskId) ?? throw Missing($"task {taskId}");
        var step = Item(Value(task, "steps"), stepId) ?? Item(Value(task, "checks"), stepId) ?? throw Missing($"step {taskId}/{stepId}");
        if (Value(step, "expect") is not YMapping expect) throw Missing($"expect of {taskId}/{stepId}");
        var entry = expect.Entries.FirstOrDefault(e => e.Key.Value == "panel");
        if (entry.Key is null || entry.Value is not YScalar value) throw Missing($"panel of {taskId}/{stepId}");

        var keyIndent = entry.Key.StartIndex - LineStart(text, entry.Key.StartIndex);
        var start = value.StartIndex;
        var end = value.Style is YamlDotNet.Core.ScalarStyle.Literal or YamlDotNet.Core.ScalarStyle.Folded
            ? BlockEnd(text, start, keyIndent)
            : value.EndIndex;
        var pad = new string(' ', keyIndent + 2);
        var lines = panel.TrimEnd('\n').Split('\n');
        var block = (lines[0].StartsWith(' ') ? "|2\n" : "|\n") + string.Concat(lines.Select(l => l.Length == 0 ? "\n" : pad + l + "\n"));
        // A block scalar ends with its line break; a plain or quoted one did not take the line's own.
        if (end < text.Length && text[end - 1] != '\n' && text[end] == '\n') end++;
        return text[..start] + block + text[end..];
    }

    private static YNode? Value(YMapping map, string key) => map.Entries.FirstOrDefault(e => e.Key.Value == key).Value;

    private static YMapping? Item(YNode? list, string id) =>
        (list as YSequence)?.Items.OfType<YMapping>().FirstOrDefault(m => Value(m, "id") is YScalar s && s.Value == id);

    private static int LineStart(string text, int index) => index == 0 ? 0 : text.LastIndexOf('\n', index - 1) + 1;

    /// <summary>The end of a block scalar: the start of its last content line's next line (blank lines after it stay outside).</summary>
    private static int BlockEnd(string text, int headerIndex, int keyIndent)
    {
        var lineEnd = text.IndexOf('\n', headerIndex);
        if (lineEnd < 0) return text.Length;
        var end = lineEnd + 1;
        var at = end;
        while (at < text.Length)
        {
            var next = text.IndexOf('\n', at);
            var line = next < 0 ? text[at..] : text[at..next];
            var after = next < 0 ? text.Length : next + 1;
            if (line.Trim().Length == 0) { at = after; continue; }
            if (line.Length - line.TrimStart(' ').Length <= keyIndent) break;
            end = after;
            at = after;
        }
        return end;
    }

    private static UserErrorException Missing(string what) => new($"cannot find the {what} in the lab file to write the accepted panel");
}
