using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// Splits a script into statements and meta-commands the way psql's lexer (psqlscan.l) does: ';' ends a statement
/// only outside quotes, dollar quotes, comments, parentheses and CREATE FUNCTION ... BEGIN ATOMIC ... END blocks;
/// a backslash outside quotes starts a meta-command that takes the rest of its line.
/// </summary>
public static partial class PsqlScanner
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

        void Emit(bool forceExpanded = false, QueryOutput? output = null, string? gset = null, string? copyData = null, bool gexec = false)
        {
            var text = buf.ToString();
            parts.Add(new SqlStatementPart(text, startLine, !significant) { ForceExpanded = forceExpanded, Output = output, Gset = gset, CopyData = copyData, Gexec = gexec });
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
                if (c == '-' && SqlLexing.At(s, i + 1) == '-') { i = SqlLexing.LineEnd(s, i); continue; }
                startLine = line;
            }

            if (c == '\\')
            {
                var end = SqlLexing.LineEnd(s, i);
                var cmd = s[(i + 1)..end];
                var nameEnd = 0;
                while (nameEnd < cmd.Length && !char.IsWhiteSpace(cmd[nameEnd]) && (nameEnd == 0 || cmd[nameEnd] != '\\')) nameEnd++;
                var name = cmd[..nameEnd];
                var args = cmd[nameEnd..].Trim();
                var cmdLine = line;
                i = end < s.Length ? end + 1 : end; // the command takes its line, newline included
                line++;
                // \watch repeats the query until Ctrl+C: a step runs it once (its output is what one repetition shows).
                if (name is "g" or "gx" or ";" or "gset" or "gexec" || name == "watch" && buf.Length > 0)
                {
                    if (buf.Length > 0)
                    {
                        if (buf[^1] == '\n') buf.Length--;
                        if (name == "gset") Emit(gset: args);
                        else if (name == "gexec") Emit(gexec: true);
                        else if (name == "watch") Emit();
                        else Emit(forceExpanded: name == "gx", output: name == ";" ? null : QueryOutput.Parse(args));
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
                        var escapes = i > 0 && (s[i - 1] is 'E' or 'e') && (i < 2 || !SqlLexing.IsIdentChar(s[i - 2]));
                        significant = true;
                        Take(SqlLexing.QuoteEnd(s, i, '\'', escapes));
                        continue;
                    }
                case '"':
                    significant = true;
                    Take(SqlLexing.QuoteEnd(s, i, '"', false));
                    continue;
                case '$' when (i == 0 || !SqlLexing.IsIdentChar(s[i - 1])) && SqlLexing.DollarTag(s, i) is { } tag:
                    {
                        significant = true;
                        var close = s.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                        Take(close < 0 ? s.Length : close + tag.Length);
                        continue;
                    }
                case '-' when SqlLexing.At(s, i + 1) == '-':
                    Take(SqlLexing.LineEnd(s, i));
                    continue;
                case '/' when SqlLexing.At(s, i + 1) == '*':
                    Take(SqlLexing.CommentEnd(s, i));
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
                    if (CopyFromStdin().IsMatch(buf.ToString())) Emit(copyData: CopyData());
                    else Emit();
                    continue;
            }

            if (SqlLexing.IsIdentStart(c))
            {
                var end = i + 1;
                while (end < s.Length && SqlLexing.IsIdentChar(s[end])) end++;
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

        // COPY … FROM STDIN reads its rows from the script itself: the lines after the statement's, up to "\." (or the end).
        string CopyData()
        {
            var data = new StringBuilder();
            var end = SqlLexing.LineEnd(s, i);
            i = end < s.Length ? end + 1 : end;
            if (end < s.Length) line++;
            while (i < s.Length)
            {
                end = SqlLexing.LineEnd(s, i);
                var row = s[i..end].TrimEnd('\r');
                i = end < s.Length ? end + 1 : end;
                line++;
                if (row == "\\.") break;
                data.Append(row).Append('\n');
            }
            return data.ToString();
        }

        if (buf.Length > 0)
        {
            // psql joins the lines of a statement with \n; the file's last line terminator is not part of it.
            if (buf[^1] == '\n') buf.Length--;
            Emit();
        }
        return parts;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*COPY\b[\s\S]*\bFROM\s+STDIN\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex CopyFromStdin();

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
}
