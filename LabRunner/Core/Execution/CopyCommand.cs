using System.Text.RegularExpressions;

namespace LabRunner.Execution;

/// <summary>
/// psql's \copy line read as psql reads it: "SOURCE from|to FILE [OPTIONS]", where SOURCE is a table (with its
/// columns) or "(query)". <see cref="Sql"/> is the COPY the server runs with the data on the connection (FROM STDIN /
/// TO STDOUT), the options unchanged.
/// </summary>
internal sealed partial record CopyCommand(string Source, bool From, string File, string Options)
{
    public string Sql => $"COPY {Source} {(From ? "FROM STDIN" : "TO STDOUT")}{(Options.Length == 0 ? "" : " " + Options)}";

    /// <summary>psql's own streams and programs: LabRunner has no terminal to read from or write to.</summary>
    public bool UsesTerminalOrProgram =>
        File.ToLowerInvariant() is "stdin" or "stdout" or "pstdin" or "pstdout" or "program";

    public bool Csv => CsvWord().IsMatch(Options);
    public bool Binary => BinaryWord().IsMatch(Options);

    /// <summary>HEADER, HEADER true/on/1/match: the first line names the columns (not a row).</summary>
    public bool Header => HeaderWord().Match(Options) is { Success: true } m && m.Groups[1].Value.ToLowerInvariant() is not ("false" or "off" or "0");

    public static CopyCommand? Parse(string args)
    {
        var s = args.Trim();
        // The direction is the first FROM/TO outside parentheses and quotes (a query's own FROM is inside its parentheses).
        int depth = 0, i = 0;
        while (i < s.Length)
        {
            var c = s[i];
            if (c is '\'' or '"')
            {
                var close = s.IndexOf(c, i + 1);
                i = close < 0 ? s.Length : close + 1;
                continue;
            }
            if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (depth == 0 && (i == 0 || char.IsWhiteSpace(s[i - 1])) && Keyword(s, i) is { } word)
            {
                var rest = s[(i + word.Length)..].TrimStart();
                var (file, options) = FileName(rest);
                if (file.Length == 0) return null;
                return new CopyCommand(s[..i].Trim(), word.Equals("from", StringComparison.OrdinalIgnoreCase), file, options.Trim());
            }
            i++;
        }
        return null;
    }

    private static string? Keyword(string s, int i)
    {
        foreach (var w in (string[])["from", "to"])
            if (string.Compare(s, i, w, 0, w.Length, StringComparison.OrdinalIgnoreCase) == 0
                && (i + w.Length == s.Length || char.IsWhiteSpace(s[i + w.Length])))
                return w;
        return null;
    }

    /// <summary>'quoted name' (psql's quoting: '' is one quote) or one word; the rest are COPY's options.</summary>
    private static (string File, string Options) FileName(string rest)
    {
        if (rest.StartsWith('\''))
        {
            var name = new System.Text.StringBuilder();
            var i = 1;
            while (i < rest.Length)
            {
                if (rest[i] == '\'')
                {
                    if (i + 1 < rest.Length && rest[i + 1] == '\'') { name.Append('\''); i += 2; continue; }
                    return (name.ToString(), rest[(i + 1)..]);
                }
                name.Append(rest[i++]);
            }
            return ("", "");
        }
        var end = 0;
        while (end < rest.Length && !char.IsWhiteSpace(rest[end]) && rest[end] != ';') end++;
        return (rest[..end], rest[end..].TrimEnd(';'));
    }

    /// <summary>
    /// The rows in COPY data (the server's count is not given back by Npgsql's text COPY): one a line, except newlines
    /// inside a CSV field's quotes; a header line is not a row. (A CSV with another QUOTE character is counted with '"'.)
    /// </summary>
    public long CountRows(string data)
    {
        long lines = 0;
        var quoted = false;
        foreach (var c in data)
        {
            if (Csv && c == '"') quoted = !quoted;
            else if (c == '\n' && !quoted) lines++;
        }
        if (data.Length > 0 && data[^1] != '\n') lines++;
        if (data.EndsWith("\\.\n", StringComparison.Ordinal)) lines--; // the end-of-data marker
        return Math.Max(0, lines - (Header ? 1 : 0));
    }

    [GeneratedRegex(@"\bcsv\b", RegexOptions.IgnoreCase)]
    private static partial Regex CsvWord();

    [GeneratedRegex(@"\bbinary\b", RegexOptions.IgnoreCase)]
    private static partial Regex BinaryWord();

    [GeneratedRegex(@"\bheader\b\s*(\w*)", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderWord();
}
