using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>
/// The language of the psql the lab's author pasted from, read from the lab's panels: a Spanish psql ends its tables
/// with "(1 fila)" / "(3 filas)" (a Spanish lab pasted from an English psql says "(1 row)"). Meta-command listings are
/// then printed in that psql's words. Null: English (psql's own).
/// </summary>
public static partial class PsqlLanguage
{
    public static string? Of(Lab lab)
    {
        var panels = lab.Tasks.SelectMany(t => t.Steps.Concat(t.Checks)).Select(s => s.Expect?.Panel).OfType<string>();
        foreach (var panel in panels)
            if (Footer().Match(panel) is { Success: true } m)
                return m.Groups["word"].Value.ToLowerInvariant() switch
                {
                    "fila" or "filas" => "es",
                    "ligne" or "lignes" => "fr",
                    "zeile" or "zeilen" => "de",
                    _ => null,
                };
        return null;
    }

    [GeneratedRegex(@"^\(\s*\d+\s+(?<word>filas?|lignes?|Zeilen?|rows?)\s*\)\s*$", RegexOptions.Multiline)]
    private static partial Regex Footer();
}
