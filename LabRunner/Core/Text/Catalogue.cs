using System.Globalization;

namespace LabRunner.Text;

/// <summary>
/// The one localisation catalogue: every word LabRunner says — verdicts and their notes, run events, the TUI's labels,
/// questions and help — in English (this class, the base; what the CLI and reports always use) with other languages
/// overriding it (<see cref="SpanishCatalogue"/>); a phrase a language does not override stays English. Numbers and
/// durations are written in the language's culture ("6.5 s", "6,5 s"). Server messages, cell values and the lab's own
/// text are never translated. The parts live in partial files by concern: verdicts, events, grades, the screen.
/// </summary>
public partial class Catalogue
{
    private static readonly string[] LocaleVariables = ["LC_ALL", "LC_MESSAGES", "LANG"];

    public static readonly Catalogue English = new();
    public static readonly Catalogue Spanish = new SpanishCatalogue();

    protected Catalogue() { }

    /// <summary>"en", "es": the language's code (the TUI's --lang).</summary>
    public virtual string Code => "en";

    /// <summary>How numbers are written: a decimal point in English, a comma in Spanish.</summary>
    public virtual CultureInfo Culture => CultureInfo.InvariantCulture;

    /// <summary>Spanish for "es*", English otherwise (null, "en", anything unknown).</summary>
    public static Catalogue For(string? language) =>
        language is not null && language.Trim().StartsWith("es", StringComparison.OrdinalIgnoreCase) ? Spanish : English;

    /// <summary>
    /// The interface language: --lang when given; else the locale (LC_ALL, LC_MESSAGES, LANG: the first one set, psql's
    /// order) when it names a language the catalogue speaks; else the lab's own language (a Spanish lab on a machine
    /// whose locale says nothing, C or POSIX, is not shown with an English screen); else English.
    /// </summary>
    public static Catalogue Resolve(string? option, Func<string, string?>? environment = null, string? labLanguage = null)
    {
        if (!string.IsNullOrWhiteSpace(option)) return For(option);
        environment ??= Environment.GetEnvironmentVariable;
        var locale = LocaleVariables.Select(environment).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
        if (locale is not null && IsKnown(locale.Trim())) return For(locale);
        return For(labLanguage);
    }

    /// <summary>Whether --lang names a language the catalogue speaks.</summary>
    public static bool IsKnown(string code) =>
        code.StartsWith("es", StringComparison.OrdinalIgnoreCase) || code.StartsWith("en", StringComparison.OrdinalIgnoreCase);

    /// <summary>Durations in messages and reports: "850 ms", "14.2 s", "2 min 5 s" ("14,2 s" in Spanish).</summary>
    public string Duration(TimeSpan d) =>
        d.TotalSeconds < 1 ? string.Create(Culture, $"{d.TotalMilliseconds:0} ms")
        : d.TotalMinutes < 1 ? d.TotalSeconds.ToString("0.0", Culture) + " s"
        : string.Create(Culture, $"{(int)d.TotalMinutes} min {d.Seconds} s");

    /// <summary>The screen's running clock: "0.4 s", "12 s" ("0,4 s" in Spanish).</summary>
    public string Seconds(TimeSpan t) => t.TotalSeconds.ToString(t.TotalSeconds < 10 ? "0.0" : "0", Culture) + " s";

    /// <summary>A number in the language's culture.</summary>
    public string Number(double n, string format = "0.##") => n.ToString(format, Culture);
}
