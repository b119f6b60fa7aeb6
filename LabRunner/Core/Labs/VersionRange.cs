namespace LabRunner.Labs;

/// <summary>An inclusive range of PostgreSQL major versions; written "14", ">=15", "&lt;=14", "14-16", "*".</summary>
public sealed record VersionRange(int? Min, int? Max)
{
    public static readonly VersionRange Any = new(null, null);

    public bool Contains(int major) => (Min is null || major >= Min) && (Max is null || major <= Max);

    public static bool TryParse(string? text, out VersionRange range)
    {
        range = Any;
        var s = (text ?? "").Trim();
        if (s is "" or "*" or "any") return true;
        if (s.StartsWith(">=", StringComparison.Ordinal) && int.TryParse(s[2..].Trim(), out var lo)) { range = new(lo, null); return true; }
        if (s.StartsWith("<=", StringComparison.Ordinal) && int.TryParse(s[2..].Trim(), out var hi)) { range = new(null, hi); return true; }
        if (s.StartsWith('>') && int.TryParse(s[1..].Trim(), out var gt)) { range = new(gt + 1, null); return true; }
        if (s.StartsWith('<') && int.TryParse(s[1..].Trim(), out var lt)) { range = new(null, lt - 1); return true; }
        var dash = s.IndexOf('-');
        if (dash > 0 && int.TryParse(s[..dash].Trim(), out var a) && int.TryParse(s[(dash + 1)..].Trim(), out var b) && a <= b)
        { range = new(a, b); return true; }
        if (int.TryParse(s, out var exact)) { range = new(exact, exact); return true; }
        return false;
    }

    public override string ToString() => (Min, Max) switch
    {
        (null, null) => "*",
        ({ } a, null) => $">={a}",
        (null, { } b) => $"<={b}",
        ({ } a, { } b) when a == b => $"{a}",
        ({ } a, { } b) => $"{a}-{b}",
    };
}
