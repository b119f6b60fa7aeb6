using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// Splits a script into statements and meta-commands the way psql's lexer (psqlscan.l) does: ';' ends a statement
/// only outside quotes, dollar quotes, comments, parentheses and CREATE FUNCTION ... BEGIN ATOMIC ... END blocks;
/// a backslash outside quotes starts a meta-command that takes the rest of its line.
/// </summary>
public static class PsqlScanner
{
    public static IReadOnlyList<ScriptPart> Split(string script)
    {
        var parts = new List<ScriptPart>();
        var s = script;
        var buf = new StringBuilder();
        var significant = false; // anything besides comments and ';' in buf
        int paren = 0, beginDepth = 0, line = 1, startLine = 1;
        var idents = new List<string>(4);
        var i = 0;

        void Emit(bool forceExpanded = false, QueryOutput? output = null)
        {
            var text = buf.ToString();
            parts.Add(new SqlStatementPart(text, startLine, !significant) { ForceExpanded = forceExpanded, Output = output });
            buf.Clear();
            significant = false;
            paren = 0;
            beginDepth = 0;
            idents.Clear();
        }

        void Take(int to) // append s[i..to) to the buffer
        {
            for (var k = i; k < to; k++) if (s[k] == '\n') line++;
            buf.Append(s, i, to - i);
            i = to;
        }

        while (i < s.Length)
        {
            var c = s[i];
            if (buf.Length == 0)
            {
                // psql drops whitespace and -- comments until a statement has begun.
                if (char.IsWhiteSpace(c)) { if (c == '\n') line++; i++; continue; }
                if (c == '-' && At(s, i + 1) == '-') { i = LineEnd(s, i); continue; }
                startLine = line;
            }

            if (c == '\\')
            {
                var end = LineEnd(s, i);
                var cmd = s[(i + 1)..end];
                var nameEnd = 0;
                while (nameEnd < cmd.Length && !char.IsWhiteSpace(cmd[nameEnd]) && (nameEnd == 0 || cmd[nameEnd] != '\\')) nameEnd++;
                var name = cmd[..nameEnd];
                var args = cmd[nameEnd..].Trim();
                var cmdLine = line;
                i = end < s.Length ? end + 1 : end; // the command takes its line, newline included
                line++;
                if (name is "g" or "gx" or ";")
                {
                    if (buf.Length > 0)
                    {
                        if (buf[^1] == '\n') buf.Length--;
                        Emit(forceExpanded: name == "gx", output: name == ";" ? null : QueryOutput.Parse(args));
                    }
                    continue;
                }
                if (buf.Length == 0) startLine = line;
                parts.Add(new MetaCommandPart(name, args, cmdLine));
                continue;
            }

            switch (c)
            {
                case '\'':
                    {
                        var escapes = i > 0 && (s[i - 1] is 'E' or 'e') && (i < 2 || !IsIdentChar(s[i - 2]));
                        significant = true;
                        Take(QuoteEnd(s, i, '\'', escapes));
                        continue;
                    }
                case '"':
                    significant = true;
                    Take(QuoteEnd(s, i, '"', false));
                    continue;
                case '$' when (i == 0 || !IsIdentChar(s[i - 1])) && DollarTag(s, i) is { } tag:
                    {
                        significant = true;
                        var close = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                        Take(close < 0 ? s.Length : close + tag.Length);
                        continue;
                    }
                case '-' when At(s, i + 1) == '-':
                    Take(LineEnd(s, i));
                    continue;
                case '/' when At(s, i + 1) == '*':
                    Take(CommentEnd(s, i));
                    continue;
                case '(':
                    paren++;
                    break;
                case ')':
                    if (paren > 0) paren--;
                    break;
                case ';' when paren == 0 && beginDepth == 0:
                    buf.Append(';');
                    i++;
                    Emit();
                    continue;
            }

            if (IsIdentStart(c))
            {
                var end = i + 1;
                while (end < s.Length && IsIdentChar(s[end])) end++;
                TrackBeginAtomic(s[i..end], idents, paren, ref beginDepth);
                significant = true;
                Take(end);
                continue;
            }

            if (c != ';' && !char.IsWhiteSpace(c)) significant = true;
            if (c == '\n') line++;
            buf.Append(c);
            i++;
        }

        if (buf.Length > 0)
        {
            // psql joins the lines of a statement with \n; the file's last line terminator is not part of it.
            if (buf[^1] == '\n') buf.Length--;
            Emit();
        }
        return parts;
    }

    /// <summary>psql's heuristic for SQL-standard function bodies (CREATE [OR REPLACE] FUNCTION|PROCEDURE ... BEGIN ATOMIC ... END).</summary>
    private static void TrackBeginAtomic(string word, List<string> idents, int paren, ref int beginDepth)
    {
        var w = word.ToLowerInvariant();
        idents.Add(w);
        static bool Is(List<string> l, int k, string v) => l.Count > k && l[k] == v;
        var isRoutine = Is(idents, 0, "create") &&
            (Is(idents, 1, "function") || Is(idents, 1, "procedure") ||
             (Is(idents, 1, "or") && Is(idents, 2, "replace") && (Is(idents, 3, "function") || Is(idents, 3, "procedure"))));
        if (!isRoutine || paren != 0) return;
        if (w == "begin") beginDepth++;
        else if (w == "case" && beginDepth >= 1) beginDepth++;
        else if (w == "end" && beginDepth > 0) beginDepth--;
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int LineEnd(string s, int i)
    {
        var nl = s.IndexOf('\n', i);
        return nl < 0 ? s.Length : nl;
    }

    private static int QuoteEnd(string s, int start, char quote, bool backslashEscapes)
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

    private static int CommentEnd(string s, int start)
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

    private static string? DollarTag(string s, int i)
    {
        var j = i + 1;
        if (j < s.Length && s[j] == '$') return "$$";
        if (j >= s.Length || !IsIdentStart(s[j])) return null;
        while (j < s.Length && IsIdentChar(s[j]) && s[j] != '$') j++;
        return j < s.Length && s[j] == '$' ? s[i..(j + 1)] : null;
    }

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_' || c >= 0x80;
    private static bool IsIdentChar(char c) => IsIdentStart(c) || char.IsAsciiDigit(c) || c == '$';
}
