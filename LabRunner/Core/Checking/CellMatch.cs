using System.Globalization;
using LabRunner.Labs;

namespace LabRunner.Checking;

/// <summary>Whether one actual cell satisfies one expected cell under a column's matcher.</summary>
internal static class CellMatch
{
    public static bool Matches(Matcher matcher, string? expected, string? actual, bool fromPanel) => matcher switch
    {
        Matcher.Any => true,
        Matcher.NotNull => actual is not null,
        Matcher.Null => actual is null,
        Matcher.Shape s => actual is not null && ValueShapes.Fits(s.Kind, actual.Trim()),
        Matcher.Regex r => actual is not null && System.Text.RegularExpressions.Regex.IsMatch(actual, r.Pattern),
        Matcher.Tolerance t => WithinTolerance(t, expected, actual),
        _ => Exact(expected, actual, fromPanel),
    };

    /// <summary>A panel cannot tell NULL from '' nor show a value's outer spaces: compare what psql would have shown.</summary>
    private static bool Exact(string? expected, string? actual, bool fromPanel)
    {
        if (!fromPanel) return expected is null ? actual is null : actual is not null && expected == actual;
        return Shown(expected) == Shown(actual);
    }

    public static string Shown(string? value) =>
        value is null ? "" : string.Join("\n", value.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()));

    private static bool WithinTolerance(Matcher.Tolerance t, string? expected, string? actual)
    {
        if (!TryNumber(expected, out var e) || !TryNumber(actual, out var a)) return false;
        var allowed = t.Percent ? Math.Abs(e) * t.Amount / 100 : t.Amount;
        return Math.Abs(a - e) <= allowed + 1e-9;
    }

    private static bool TryNumber(string? text, out double value) =>
        double.TryParse(text?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>A cell for messages: NULL, '' or the text itself.</summary>
    public static string Words(string? value) => value switch
    {
        null => "NULL",
        "" => "''",
        _ => value,
    };
}
