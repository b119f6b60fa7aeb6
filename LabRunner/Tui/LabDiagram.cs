using LabRunner.Labs;

namespace LabRunner.Tui;

/// <summary>
/// The lab's activities drawn in box-drawing characters when it has no image: its servers and what goes between them
/// (`main ──copy──▶ backup1 ──start──▶ restaurado`), then each task as a box, in order, naming the servers its steps use.
/// Made from the tasks and servers alone, so every lab has one.
/// </summary>
public static class LabDiagram
{
    private const string Main = "main";

    public static IReadOnlyList<string> Lines(Lab lab, int width)
    {
        var lines = new List<string> { Fit(Flow(lab), width), "" };
        var inner = Math.Max(6, Math.Min(width - 4, lab.Tasks.Max(t => t.Title.Length)));
        for (var i = 0; i < lab.Tasks.Count; i++)
        {
            if (i > 0) lines.Add(new string(' ', inner / 2 + 1) + "▼");
            var task = lab.Tasks[i];
            lines.Add("┌" + new string('─', inner + 2) + "┐");
            lines.Add("│ " + Fit(task.Title, inner).PadRight(inner) + " │");
            lines.Add("│ " + Fit(string.Join(", ", ServersOf(task)), inner).PadRight(inner) + " │");
            lines.Add("└" + new string('─', inner + 2) + "┘");
        }
        return lines;
    }

    /// <summary>main, and each server the lab declares, makes or starts on a folder it produced.</summary>
    private static string Flow(Lab lab)
    {
        var flow = Main;
        foreach (var server in lab.Server.Servers) flow += $"   {server.Name}";
        foreach (var step in lab.AllSteps)
            flow += step.Action switch
            {
                ServerAction { Operation: ServerOperation.StartOn } start => $" ──copy──▶ {Folder(start.DataDirectory)} ──start──▶ {start.Name}",
                ServerAction { Operation: ServerOperation.Create } made => $"   ──new──▶ {made.Name}",
                _ => "",
            };
        return flow;
    }

    private static IEnumerable<string> ServersOf(LabTask task) =>
        task.Steps.Select(s => s.Action is ServerAction a ? a.Name : s.Action.Server ?? Main).Distinct();

    private static string Folder(string? path) =>
        path is null ? "?" : path.TrimEnd('/').Split('/')[^1].Replace("{{", "", StringComparison.Ordinal).Replace("}}", "", StringComparison.Ordinal);

    private static string Fit(string text, int width) => text.Length <= width ? text : text[..Math.Max(0, width - 1)] + "…";
}
