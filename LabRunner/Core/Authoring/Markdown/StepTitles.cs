using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>A step's title as the tree shows it: the lab's own label and the start of its description, cut at a word.</summary>
internal static partial class StepTitles
{
    public const int MaxLength = 72;

    public static string Of(string label, string description)
    {
        var words = Plain(description);
        if (words.Length == 0) return label;
        var title = label.Length == 0 ? words : $"{label} {words}";
        if (title.Length <= MaxLength) return title;
        var cut = title.LastIndexOf(' ', MaxLength - 1);
        return title[..(cut > label.Length ? cut : MaxLength - 1)].TrimEnd(',', ';', ':', ' ') + "…";
    }

    /// <summary>The first line of Markdown as plain words: no emphasis marks, no code ticks, no trailing colon.</summary>
    public static string Plain(string markdown)
    {
        var first = markdown.Replace("\r", "").Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? "";
        first = Marks().Replace(first, "");
        first = Link().Replace(first, "$1");
        return Spaces().Replace(first, " ").Trim().TrimEnd(':').TrimEnd().TrimEnd('.').Trim();
    }

    [GeneratedRegex(@"\*\*|__|`|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")]
    private static partial Regex Marks();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
