using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Markdown;

internal sealed partial class MarkdownWalker
{
    /// <summary>
    /// A placeholder that names an earlier task (&lt;TIME_FROM_TASK_3&gt;, &lt;VALOR_TAREA_2&gt;) stands for a value that task
    /// printed and the student wrote down: the value of its last step whose panel is one column (SELECT now();). That step
    /// captures it and the placeholder becomes the variable, so the lab runs with the value of this run, not the author's.
    /// </summary>
    private List<string> CapturedPlaceholders(List<TaskDraft> tasks, List<PartDraft> parts)
    {
        var names = new List<string>();
        foreach (var part in parts.Where(p => p.Action is SqlAction or ShellAction or EditAction))
        {
            var command = part.Action.Command;
            foreach (var (placeholder, _) in BlockShapes.Placeholders(command).ToList())
            {
                if (TaskReference().Match(placeholder) is not { Success: true } m) continue;
                var number = int.Parse(m.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture);
                var source = tasks.FirstOrDefault(t => t.Number == number)?.Steps.SelectMany(s => s.Parts)
                    .LastOrDefault(p => p.Action is SqlAction && p.Panel is not null && OneColumn(p.Panel) is not null);
                if (source is null || source.Line >= part.Line) continue;
                var name = Regex.Replace(placeholder.Trim('[', ']', '<', '>').ToLowerInvariant(), "[^a-z0-9_]", "_");
                var column = OneColumn(source.Panel!)!;
                source.Captures[name] = column;
                command = command.Replace(placeholder, "{{" + name + "}}", StringComparison.Ordinal);
                if (!names.Contains(name))
                {
                    names.Add(name);
                    _warnings.Add(new(LineOf(placeholder, part.Line), $"{placeholder} is the value {source.Step.Label.TrimEnd('.', ':')} of task {number} prints (column {column}): LabRunner captures it there and fills it in ({{{{{name}}}}})"));
                }
            }
            if (command != part.Action.Command) part.Action = part.Action.WithCommand(command);
        }
        return names;
    }

    /// <summary>The Markdown line where the placeholder is written, from the part's first line on.</summary>
    private int LineOf(string text, int from)
    {
        var lines = _source.Split('\n');
        for (var l = Math.Max(from, 1); l <= lines.Length; l++)
            if (lines[l - 1].Contains(text, StringComparison.Ordinal)) return l;
        return from;
    }

    /// <summary>The column of a panel that shows one single-column table, else null.</summary>
    private static string? OneColumn(string panel)
    {
        try
        {
            var tables = ExpectedPanel.Parse(panel).Tables.ToList();
            return tables.Count == 1 && tables[0].Columns.Count == 1 ? tables[0].Columns[0] : null;
        }
        catch (Exception e) when (e is not OutOfMemoryException) { return null; }
    }

    [GeneratedRegex(@"(?:TASK|TAREA)_?(?<n>\d+)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TaskReference();
}
