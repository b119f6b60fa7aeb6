using System.Globalization;
using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// The arguments of a meta-command as psql reads them (psqlscanslash.l, OT_NORMAL): words split on blanks;
/// <c>'...'</c> unquoted (<c>''</c> and backslash escapes understood); <c>"..."</c> kept with its quotes;
/// <c>:name</c>, <c>:'name'</c>, <c>:"name"</c> interpolated. Pieces written together make one argument.
/// </summary>
public static class MetaArguments
{
    public static IReadOnlyList<string> Split(string args, Func<string, string?> value)
    {
        var result = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < args.Length && char.IsWhiteSpace(args[i])) i++;
            if (i >= args.Length) return result;
            var word = new StringBuilder();
            while (i < args.Length && !char.IsWhiteSpace(args[i]))
            {
                var c = args[i];
                if (c == '\'') i = Quoted(args, i, word);
                else if (c == '"')
                {
                    var end = SqlLexing.QuoteEnd(args, i, '"', false);
                    word.Append(args, i, end - i);
                    i = end;
                }
                else if (c == ':' && PsqlVariables.Reference(args, i, value) is { } found)
                {
                    word.Append(found.Text);
                    i = found.End;
                }
                else
                {
                    word.Append(c);
                    i++;
                }
            }
            result.Add(word.ToString());
        }
    }

    /// <summary>A single-quoted piece without its quotes; returns the index after the closing quote.</summary>
    private static int Quoted(string s, int start, StringBuilder word)
    {
        var i = start + 1;
        while (i < s.Length)
        {
            var c = s[i];
            if (c == '\'')
            {
                if (SqlLexing.At(s, i + 1) != '\'') return i + 1;
                word.Append('\'');
                i += 2;
                continue;
            }
            if (c == '\\' && i + 1 < s.Length)
            {
                i = Escape(s, i + 1, word);
                continue;
            }
            word.Append(c);
            i++;
        }
        return i;
    }

    private static int Escape(string s, int i, StringBuilder word)
    {
        var c = s[i];
        switch (c)
        {
            case 'n': word.Append('\n'); return i + 1;
            case 't': word.Append('\t'); return i + 1;
            case 'b': word.Append('\b'); return i + 1;
            case 'r': word.Append('\r'); return i + 1;
            case 'f': word.Append('\f'); return i + 1;
        }
        if (c is >= '0' and <= '7')
        {
            var end = i;
            while (end < s.Length && end < i + 3 && s[end] is >= '0' and <= '7') end++;
            word.Append((char)Convert.ToInt32(s[i..end], 8));
            return end;
        }
        if (c == 'x' && i + 1 < s.Length && char.IsAsciiHexDigit(s[i + 1]))
        {
            var end = i + 1;
            while (end < s.Length && end < i + 3 && char.IsAsciiHexDigit(s[end])) end++;
            word.Append((char)int.Parse(s[(i + 1)..end], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
            return end;
        }
        word.Append(c);
        return i + 1;
    }
}
