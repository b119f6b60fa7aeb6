using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// psql's variable interpolation in the text it sends (psqlscan.l): outside quotes, dollar quotes and comments,
/// <c>:name</c> becomes the value, <c>:'name'</c> a quoted literal, <c>:"name"</c> a quoted identifier; <c>::</c> and
/// <c>:=</c> are operators, and a name with no value is left as written (the server then says why).
/// </summary>
public static class PsqlVariables
{
    public static string Interpolate(string sql, Func<string, string?> value)
    {
        if (!sql.Contains(':', StringComparison.Ordinal)) return sql;
        var sb = new StringBuilder(sql.Length);
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (c == ':' && SqlLexing.At(sql, i + 1) is not (':' or '=') && Reference(sql, i, value) is { } found)
            {
                sb.Append(found.Text);
                i = found.End;
                continue;
            }
            var end = c switch
            {
                '\'' => SqlLexing.QuoteEnd(sql, i, '\'', i > 0 && sql[i - 1] is 'E' or 'e' && (i < 2 || !SqlLexing.IsIdentChar(sql[i - 2]))),
                '"' => SqlLexing.QuoteEnd(sql, i, '"', false),
                '$' when (i == 0 || !SqlLexing.IsIdentChar(sql[i - 1])) && SqlLexing.DollarTag(sql, i) is { } tag =>
                    sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal) is var close and >= 0 ? close + tag.Length : sql.Length,
                '-' when SqlLexing.At(sql, i + 1) == '-' => SqlLexing.LineEnd(sql, i),
                '/' when SqlLexing.At(sql, i + 1) == '*' => SqlLexing.CommentEnd(sql, i),
                ':' when SqlLexing.At(sql, i + 1) is ':' or '=' => i + 2,
                _ => i + 1,
            };
            sb.Append(sql, i, end - i);
            i = end;
        }
        return sb.ToString();
    }

    /// <summary>The variable reference at <paramref name="at"/> (a ':') and the index after it, when it names a variable with a value.</summary>
    public static (string Text, int End)? Reference(string s, int at, Func<string, string?> value)
    {
        var quote = SqlLexing.At(s, at + 1) is '\'' or '"' ? s[at + 1] : '\0';
        var start = at + 1 + (quote == '\0' ? 0 : 1);
        var end = start;
        while (end < s.Length && IsIdentChar(s[end])) end++;
        if (end == start || (quote != '\0' && SqlLexing.At(s, end) != quote)) return null;
        if (value(s[start..end]) is not { } v) return null;
        var text = quote switch { '\'' => Literal(v), '"' => Identifier(v), _ => v };
        return (text, end + (quote == '\0' ? 0 : 1));
    }

    /// <summary>libpq's PQescapeLiteral: quotes doubled; with backslashes, doubled and the literal written " E'...'".</summary>
    public static string Literal(string value)
    {
        var escaped = value.Replace("'", "''", StringComparison.Ordinal);
        return value.Contains('\\', StringComparison.Ordinal)
            ? " E'" + escaped.Replace("\\", "\\\\", StringComparison.Ordinal) + "'"
            : "'" + escaped + "'";
    }

    /// <summary>libpq's PQescapeIdentifier.</summary>
    public static string Identifier(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>psql's variable_char: letters, digits, '_' and any non-ASCII character.</summary>
    internal static bool IsIdentChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_' || c >= 0x80;
}
