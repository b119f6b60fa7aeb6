using System.Globalization;

namespace LabRunner.Checking;

/// <summary>Durations in words for messages and reports: "850 ms", "14.2 s", "2 min 5 s" (a comma in Spanish: "14,2 s").</summary>
public static class Durations
{
    public static string Words(TimeSpan d) => Words(d, CultureInfo.InvariantCulture);

    public static string Words(TimeSpan d, IFormatProvider numbers) =>
        d.TotalSeconds < 1 ? $"{d.TotalMilliseconds:0} ms"
        : d.TotalMinutes < 1 ? d.TotalSeconds.ToString("0.0", numbers) + " s"
        : $"{(int)d.TotalMinutes} min {d.Seconds} s";
}
