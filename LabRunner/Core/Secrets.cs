namespace LabRunner;

/// <summary>
/// The passwords LabRunner has been given (a connection string's, PGPASSWORD): everything it writes — step output,
/// reports, CSV, saved progress, stdout and stderr — shows <see cref="Mask"/> in their place. Process-wide, because a
/// password reaches LabRunner in one place (parsing a connection) and leaves it in many.
/// </summary>
public static class Secrets
{
    public const string Mask = "********";

    /// <summary>Shorter secrets are not scrubbed: masking every "ab" in every output would make it unreadable.</summary>
    public const int MinimumLength = 4;

    private static volatile string[] _known = [];
    private static readonly Lock Gate = new();

    public static bool Any => _known.Length > 0;

    /// <summary>Remembers a secret (and its URI-escaped form) to scrub from now on.</summary>
    public static void Add(string? secret)
    {
        if (secret is null || secret.Length < MinimumLength) return;
        lock (Gate)
        {
            var forms = new[] { secret, Uri.EscapeDataString(secret) };
            // Longest first, so that a secret containing another is masked whole.
            _known = _known.Union(forms).OrderByDescending(s => s.Length).ThenBy(s => s, StringComparer.Ordinal).ToArray();
        }
    }

    /// <summary>The text with every known secret replaced by <see cref="Mask"/>.</summary>
    public static string Scrub(string text)
    {
        var known = _known;
        if (known.Length == 0 || text.Length == 0) return text;
        foreach (var secret in known)
            if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Mask, StringComparison.Ordinal);
        return text;
    }

    public static string? ScrubNullable(string? text) => text is null ? null : Scrub(text);
}
