using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>What an expected result that is not psql output shows: words, a picture, a table of values, a progress meter.</summary>
public enum ProseKind { Prose, Image, Table, Meter }

public static partial class ProseKinds
{
    /// <summary>The kind of an expected result written as Markdown (an image, a pipe table, a progress meter, or prose).</summary>
    public static ProseKind Of(string markdown)
    {
        var text = markdown.Trim();
        if (Image().IsMatch(text)) return ProseKind.Image;
        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count >= 2 && lines.All(l => l.StartsWith('|')) && lines.Any(l => TableRule().IsMatch(l))) return ProseKind.Table;
        if (lines.Count > 0 && lines.All(l => Meter().IsMatch(l.Trim('`')))) return ProseKind.Meter;
        return ProseKind.Prose;
    }

    [GeneratedRegex(@"!\[[^\]]*\]\([^)]*\)")]
    private static partial Regex Image();

    [GeneratedRegex(@"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")]
    private static partial Regex TableRule();

    /// <summary>pg_basebackup -P and friends: "22953/22953 kB (100%), 1/1 tablespace".</summary>
    [GeneratedRegex(@"^\d+/\d+\s*[kMG]?B\s*\(\d+%\)")]
    private static partial Regex Meter();
}
