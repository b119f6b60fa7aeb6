namespace LabRunner.Psql;

public enum SqlTokenKind { Word, QuotedName, Literal, Number, Symbol }

/// <summary>
/// One lexical token of a statement. Word: an unquoted keyword or name, lower-cased (as PostgreSQL folds it);
/// QuotedName: a "quoted" name, unescaped, case kept; Literal: a string literal's content ('...', E'...', $$...$$); Symbol: one
/// character of punctuation or operator.
/// </summary>
public sealed record SqlToken(SqlTokenKind Kind, string Text, int Offset)
{
    /// <summary>A name as PostgreSQL resolves it: a word or a quoted name.</summary>
    public bool IsName => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedName;
    public bool Is(string word) => Kind == SqlTokenKind.Word && Text == word;
    public bool IsSymbol(char c) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == c;
}

/// <summary>
/// Splits one statement into tokens with the lexical rules psql's scanner follows (quotes, E'' escapes, dollar quotes,
/// nested comments), so that a keyword inside a string or a comment is never mistaken for one outside it.
/// </summary>
public static class SqlTokenizer
{
    public static IReadOnlyList<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var s = sql;
        var i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (char.IsWhiteSpace(c)) { i++; continue; }
            if (c == '-' && SqlLexing.At(s, i + 1) == '-') { i = SqlLexing.LineEnd(s, i); continue; }
            if (c == '/' && SqlLexing.At(s, i + 1) == '*') { i = SqlLexing.CommentEnd(s, i); continue; }
            var start = i;
            if (c == '\'')
            {
                i = StringToken(s, i, escapes: false, tokens, start);
                continue;
            }
            if (c == '"')
            {
                var end = SqlLexing.QuoteEnd(s, i, '"', false);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedName, Unquote(s[(i + 1)..Math.Max(i + 1, end - 1)], '"'), start));
                i = end;
                continue;
            }
            if (c == '$' && (i == 0 || !SqlLexing.IsIdentChar(s[i - 1])) && SqlLexing.DollarTag(s, i) is { } tag)
            {
                var close = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                var bodyEnd = close < 0 ? s.Length : close;
                tokens.Add(new SqlToken(SqlTokenKind.Literal, s[(i + tag.Length)..bodyEnd], start));
                i = close < 0 ? s.Length : close + tag.Length;
                continue;
            }
            if (char.IsAsciiDigit(c))
            {
                while (i < s.Length && (char.IsAsciiLetterOrDigit(s[i]) || s[i] is '.' or '_')) i++;
                tokens.Add(new SqlToken(SqlTokenKind.Number, s[start..i], start));
                continue;
            }
            if (SqlLexing.IsIdentStart(c))
            {
                while (i < s.Length && SqlLexing.IsIdentChar(s[i])) i++;
                var word = s[start..i];
                // String prefixes: E'..' (backslash escapes), B'..', X'..', N'..', U&'..'.
                if (SqlLexing.At(s, i) == '\'' && word.Length == 1 && "eEbBxXnN".Contains(word[0], StringComparison.Ordinal))
                {
                    i = StringToken(s, i, escapes: word is "e" or "E", tokens, start);
                    continue;
                }
                if (word is "u" or "U" && SqlLexing.At(s, i) == '&' && SqlLexing.At(s, i + 1) is '\'' or '"')
                {
                    if (s[i + 1] == '\'') { i = StringToken(s, i + 1, escapes: false, tokens, start); continue; }
                    var end = SqlLexing.QuoteEnd(s, i + 1, '"', false);
                    tokens.Add(new SqlToken(SqlTokenKind.QuotedName, Unquote(s[(i + 2)..Math.Max(i + 2, end - 1)], '"'), start));
                    i = end;
                    continue;
                }
                tokens.Add(new SqlToken(SqlTokenKind.Word, word.ToLowerInvariant(), start));
                continue;
            }
            tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString(), start));
            i++;
        }
        return tokens;
    }

    private static int StringToken(string s, int quote, bool escapes, List<SqlToken> tokens, int start)
    {
        var end = SqlLexing.QuoteEnd(s, quote, '\'', escapes);
        var body = s[(quote + 1)..Math.Max(quote + 1, end - 1)];
        tokens.Add(new SqlToken(SqlTokenKind.Literal, escapes ? Unescape(body) : Unquote(body, '\''), start));
        return end;
    }

    private static string Unquote(string body, char quote) => body.Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);

    /// <summary>E'..' content: backslash escapes for the common characters (enough to read a path or a setting name).</summary>
    private static string Unescape(string body)
    {
        var sb = new System.Text.StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '\'' && SqlLexing.At(body, i + 1) == '\'') { sb.Append('\''); i++; continue; }
            if (c != '\\' || i + 1 >= body.Length) { sb.Append(c); continue; }
            var n = body[++i];
            sb.Append(n switch { 'n' => '\n', 't' => '\t', 'r' => '\r', 'b' => '\b', 'f' => '\f', _ => n });
        }
        return sb.ToString();
    }
}
