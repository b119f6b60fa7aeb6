using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>Ids of labs, tasks and steps: lowercase letters, digits and single dashes ("respaldo-autovacuum").</summary>
public static partial class LabIds
{
    public const string Rule = "use lowercase letters, digits and \"-\"";

    public static bool IsValid(string? id) => id is not null && Shape().IsMatch(id);

    /// <summary>A valid id made from any text: "Tarea 1. Índices" → "tarea-1-indices".</summary>
    public static string Slug(string text, string fallback = "x")
    {
        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        var slug = NotAllowed().Replace(plain.ToString().ToLowerInvariant(), "-").Trim('-');
        return slug.Length == 0 ? fallback : slug;
    }

    [GeneratedRegex(@"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex Shape();

    [GeneratedRegex(@"[^a-z0-9]+")]
    private static partial Regex NotAllowed();
}
