using System.Text.RegularExpressions;

namespace LabRunner.Execution;

/// <summary>
/// Applies the lines a lab shows for a config edit the way a person does it in vi: in postgresql.conf a setting
/// replaces the active line of the same name (the last one, which wins), else uncomments its commented default, else is
/// appended; in pg_hba.conf (and any other file) the lines are added at the end, unless the file already has them.
/// </summary>
public static partial class ConfigEdit
{
    public static string Apply(string fileName, string text, string lines)
    {
        var result = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (result.Count > 0 && result[^1].Length == 0) result.RemoveAt(result.Count - 1);
        var settings = Path.GetFileName(fileName).EndsWith("postgresql.conf", StringComparison.Ordinal)
                    || Path.GetFileName(fileName).EndsWith(".conf", StringComparison.Ordinal) && !fileName.EndsWith("hba.conf", StringComparison.Ordinal) && !fileName.EndsWith("ident.conf", StringComparison.Ordinal);
        foreach (var raw in lines.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var line = raw.TrimEnd();
            if (line.Trim().Length == 0) continue;
            if (settings && Setting().Match(line) is { Success: true } m)
            {
                var key = m.Groups["key"].Value;
                var active = result.FindLastIndex(l => Setting().Match(l) is { Success: true } a && a.Groups["key"].Value.Equals(key, StringComparison.OrdinalIgnoreCase));
                if (active >= 0) { result[active] = line; continue; }
                var commented = result.FindIndex(l => CommentedSetting().Match(l) is { Success: true } c && c.Groups["key"].Value.Equals(key, StringComparison.OrdinalIgnoreCase));
                if (commented >= 0) { result[commented] = line; continue; }
                result.Add(line);
                continue;
            }
            if (!result.Any(l => Normal(l) == Normal(line))) result.Add(line);
        }
        return string.Join('\n', result) + "\n";
    }

    /// <summary>The settings an edit's lines set (name = value, comments skipped), each with its line number (1-based).</summary>
    public static IEnumerable<(string Name, int Line)> SettingsIn(string lines) =>
        lines.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')
            .Select((line, i) => (Match: Setting().Match(line), Line: i + 1))
            .Where(m => m.Match.Success)
            .Select(m => (m.Match.Groups["key"].Value, m.Line));

    private static string Normal(string line) => Whitespace().Replace(line.Trim(), " ");

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=")]
    private static partial Regex Setting();

    [GeneratedRegex(@"^\s*#\s*(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=")]
    private static partial Regex CommentedSetting();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
