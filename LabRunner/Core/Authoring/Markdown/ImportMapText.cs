using System.Globalization;
using System.Text;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// The import map side by side, one line per Markdown element: its lines, what it is, where it went in the lab and why.
/// What `labrunner import --explain` prints (and the corpus keeps as snapshots).
/// </summary>
public static class ImportMapText
{
    public static string Render(MarkdownImport import, string file)
    {
        var lab = import.Lab;
        var sb = new StringBuilder();
        var sessions = import.Map.Where(e => e.Element == MapElement.Step).SelectMany(e => e.Sessions).Distinct().ToList();
        var servers = import.Map.Where(e => e.Element == MapElement.Step && e.Server is not null).SelectMany(e => e.Server!.Split(',')).Distinct().ToList();
        sb.Append(CultureInfo.InvariantCulture, $"{file} → lab {lab.Id}: \"{lab.Title}\" ({lab.Language}), database {lab.Server.Database}");
        if (sessions.Count > 1) sb.Append(CultureInfo.InvariantCulture, $", sessions {string.Join(", ", sessions)}");
        if (servers.Count > 1 || servers.Count == 1 && servers[0] != "main") sb.Append(CultureInfo.InvariantCulture, $", servers {string.Join(", ", servers)}");
        sb.Append('\n');
        var steps = import.Map.Count(e => e.Element == MapElement.Step);
        var manual = import.Map.Count(e => e.Element == MapElement.Step && e.Kind == "manual");
        sb.Append(CultureInfo.InvariantCulture, $"{lab.Tasks.Count} tasks, {steps} steps ({manual} manual), {lab.AllSteps.Count()} runnable parts\n\n");
        foreach (var e in import.Map)
        {
            var lines = e.EndLine > e.Line ? $"{e.Line}-{e.EndLine}" : $"{e.Line}";
            var where = e.Task is null ? "-" : e.Step is null ? e.Task : $"{e.Task}/{e.Step}";
            var extra = new List<string>();
            if (e.Sessions.Count > 0 && sessions.Count > 1) extra.Add($"session {string.Join("+", e.Sessions)}");
            if (e.Server is { } server && server != "main") extra.Add($"server {server}");
            if (e.Database is { } db && db != lab.Server.Database) extra.Add($"database {db}");
            var note = extra.Count > 0 ? $"{e.Note} [{string.Join("; ", extra)}]" : e.Note;
            sb.Append(CultureInfo.InvariantCulture, $"{lines,-8} {Element(e.Element),-9} {e.Kind,-13} → {where,-22} {note}\n");
        }
        return sb.ToString();
    }

    private static string Element(MapElement element) => element switch
    {
        MapElement.Task => "task",
        MapElement.Step => "step",
        MapElement.Code => "code",
        MapElement.Expected => "expected",
        _ => "text",
    };
}
