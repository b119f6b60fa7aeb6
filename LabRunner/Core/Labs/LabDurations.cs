using System.Globalization;
using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>Durations in lab files: a number and a unit, 500ms, 30s, 2m, 1h (1.5m works too).</summary>
public static partial class LabDurations
{
    public const string Help = "write a number and a unit: 500ms, 30s, 2m or 1h";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var m = Shape().Match((text ?? "").Trim());
        if (!m.Success || !double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n)) return false;
        duration = m.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(n),
            "s" => TimeSpan.FromSeconds(n),
            "m" => TimeSpan.FromMinutes(n),
            _ => TimeSpan.FromHours(n),
        };
        return true;
    }

    /// <summary>The shortest way to write a duration in a lab file.</summary>
    public static string Format(TimeSpan duration) =>
        duration.TotalMilliseconds % 1000 != 0 ? $"{duration.TotalMilliseconds:0}ms"
        : duration.TotalSeconds % 60 != 0 ? $"{duration.TotalSeconds:0}s"
        : duration.TotalMinutes % 60 != 0 ? $"{duration.TotalMinutes:0}m"
        : $"{duration.TotalHours:0}h";

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)\s*(ms|s|m|h)$")]
    private static partial Regex Shape();
}
