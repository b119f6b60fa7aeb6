using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// YAML front matter (`---` / `title: ...` / `---` at the very top, as static-site generators and course platforms
/// want it): metadata, not Markdown. Read as Markdown its closing `---` would make the last key a setext heading.
/// </summary>
internal static partial class FrontMatter
{
    /// <summary>The source with the front matter blanked (its lines kept empty, so every later line keeps its number).</summary>
    public static string Blank(string source)
    {
        if (!source.StartsWith("---\n", StringComparison.Ordinal)) return source;
        var lines = source.Split('\n');
        for (var i = 1; i < lines.Length && i < 60; i++)
        {
            var line = lines[i].TrimEnd();
            if (line is "---" or "...")
            {
                // Only YAML: every line between is blank, a comment, a "key: value", a list item or an indented continuation.
                if (i == 1 || !lines[1..i].All(l => YamlLine().IsMatch(l))) return source;
                for (var j = 0; j <= i; j++) lines[j] = "";
                return string.Join('\n', lines);
            }
        }
        return source;
    }

    [GeneratedRegex(@"^(?:\s*$|\s*#|[\w-]+\s*:|\s+\S|\s*-\s)")]
    private static partial Regex YamlLine();
}
