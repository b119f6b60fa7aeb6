using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LabRunner.Labs.Markdown;

/// <summary>Ids made from any text: "Tarea 1. Índices" → "tarea-1-indices" (lowercase letters, digits, single dashes).</summary>
internal static partial class Slugs
{
    public static string Make(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        var slug = NotAllowed().Replace(plain.ToString().ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? "lab" : slug;
    }

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotAllowed();
}
