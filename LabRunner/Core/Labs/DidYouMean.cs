namespace LabRunner.Labs;

/// <summary>Suggests the known word an author probably meant ("sesion" → "session", "exitCode" → "exit_code").</summary>
public static class DidYouMean
{
    public static string? Suggest(string word, IEnumerable<string> known)
    {
        var normal = Normalize(word);
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            if (Normalize(candidate) == normal) return candidate;
            // A shortened name ("data_dir" for "data_directory").
            if (normal.Length >= 4 && Normalize(candidate).StartsWith(normal, StringComparison.Ordinal)) return candidate;
            var d = Distance(word.ToLowerInvariant(), candidate);
            if (d < bestDistance) (best, bestDistance) = (candidate, d);
        }
        var allowed = Math.Max(1, Math.Min(3, word.Length / 3));
        return bestDistance <= allowed ? best : null;
    }

    private static string Normalize(string s) => new(s.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());

    /// <summary>Levenshtein distance, with a swap of neighbours counting as one edit.</summary>
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (var j = 0; j <= b.Length; j++) d[0, j] = j;
        for (var i = 1; i <= a.Length; i++)
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        return d[a.Length, b.Length];
    }
}
