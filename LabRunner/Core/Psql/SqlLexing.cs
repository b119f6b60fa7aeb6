namespace LabRunner.Psql;

/// <summary>The lexical rules psql's scanner follows (quotes, E'' escapes, dollar quotes, nested comments), shared by the
/// statement splitter and the tokenizer so both agree on where a string or a comment ends.</summary>
internal static class SqlLexing
{
    public static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    public static int LineEnd(string s, int i)
    {
        var nl = s.IndexOf('\n', i);
        return nl < 0 ? s.Length : nl;
    }

    public static int QuoteEnd(string s, int start, char quote, bool backslashEscapes)
    {
        var i = start + 1;
        while (i < s.Length)
        {
            if (backslashEscapes && s[i] == '\\') { i += 2; continue; }
            if (s[i] == quote)
            {
                if (At(s, i + 1) == quote) { i += 2; continue; }
                return i + 1;
            }
            i++;
        }
        return s.Length;
    }

    public static int CommentEnd(string s, int start)
    {
        var depth = 0;
        var i = start;
        while (i < s.Length)
        {
            if (s[i] == '/' && At(s, i + 1) == '*') { depth++; i += 2; continue; }
            if (s[i] == '*' && At(s, i + 1) == '/') { depth--; i += 2; if (depth == 0) return i; continue; }
            i++;
        }
        return s.Length;
    }

    /// <summary>The dollar-quote tag starting at <paramref name="i"/> ($$ or $name$), or null when it is not one.</summary>
    public static string? DollarTag(string s, int i)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '$') return "$$";
        if (j >= s.Length || !IsIdentStart(s[j])) return null;
        while (j < s.Length && IsIdentChar(s[j]) && s[j] != '$') j++;
        return j < s.Length && s[j] == '$' ? s[i..(j + 1)] : null;
    }

    public static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= 0x80;
    public static bool IsIdentChar(char c) => IsIdentStart(c) || char.IsAsciiDigit(c) || c == '$';
}
