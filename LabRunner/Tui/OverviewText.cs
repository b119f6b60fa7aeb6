using LabRunner.Labs;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>
/// The overview's text, before its picture: title, objectives, duration with this attempt's elapsed time, the lab's help
/// table (a Markdown table drawn as aligned columns) and the server's real connection values. Pure, in the interface's language (the lab's own words stay the lab's).
/// </summary>
public static class OverviewText
{
    public static IReadOnlyList<string> Lines(Lab lab, IReadOnlyList<KeyValuePair<string, string>> connection, TimeSpan elapsed, Catalogue text)
    {
        var lines = new List<string> { lab.Title, "" };
        if (lab.Objectives.Count > 0)
        {
            lines.Add(text.OverviewObjectives + ":");
            lines.AddRange(lab.Objectives.Select(o => "  • " + o));
            lines.Add("");
        }
        lines.Add($"{text.OverviewDuration}: {lab.Duration ?? "—"} ({text.OverviewElapsed(elapsed)})");
        lines.Add("");
        if (!string.IsNullOrWhiteSpace(lab.Help) || connection.Count > 0)
        {
            lines.Add(text.OverviewHelp + ":");
            if (!string.IsNullOrWhiteSpace(lab.Help)) lines.AddRange(PipeTables.Align(lab.Help.TrimEnd().Split('\n')).Select(l => "  " + l));
            if (connection.Count > 0)
            {
                if (!string.IsNullOrWhiteSpace(lab.Help)) lines.Add("");
                var width = connection.Max(c => c.Key.Length);
                lines.Add("  " + text.OverviewServer + ":");
                lines.AddRange(connection.Select(c => $"    {c.Key.PadRight(width)}  {c.Value}"));
            }
            lines.Add("");
        }
        lines.Add(text.OverviewVisual + ":");
        return lines;
    }

    /// <summary>The lab's first image that exists beside its file (the course keeps them at ../images/capN/img1.png), or null.</summary>
    public static string? ImagePath(Lab lab)
    {
        var folder = Path.GetDirectoryName(lab.SourcePath) ?? ".";
        return lab.Images.Select(i => Path.GetFullPath(Path.Combine(folder, i.Path))).FirstOrDefault(File.Exists);
    }
}
