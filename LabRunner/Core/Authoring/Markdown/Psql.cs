using System.Text;
using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>Reads a `psql ...` command line: which database it opens, and whether it runs SQL itself (-c) or a file (then it stays shell).</summary>
internal static partial class Psql
{
    public sealed record Call(string? Database, string? Command, bool RunsAsShell);

    public static Call? Invocation(string line)
    {
        var s = SudoPrefix().Replace(line.Trim(), "");
        if (!s.StartsWith("psql", StringComparison.Ordinal) || s.Length > 4 && !char.IsWhiteSpace(s[4])) return null;
        if (s.IndexOfAny(['|', '<', '>', ';', '&']) >= 0 && !QuotedOnly(s)) return new(null, null, RunsAsShell: true);
        var words = Words(s[4..]);
        string? database = null, command = null;
        var positional = new List<string>();
        var runsFile = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            string? Next() => i + 1 < words.Count ? words[++i] : null;
            if (w is "-d" or "--dbname") database = Next();
            else if (w.StartsWith("--dbname=", StringComparison.Ordinal)) database = w["--dbname=".Length..];
            else if (w.StartsWith("-d", StringComparison.Ordinal) && w.Length > 2 && !w.StartsWith("--", StringComparison.Ordinal)) database = w[2..];
            else if (w is "-c" or "--command") command = Next();
            else if (w.StartsWith("--command=", StringComparison.Ordinal)) command = w["--command=".Length..];
            else if (w is "-f" or "--file" || w.StartsWith("--file=", StringComparison.Ordinal) || w.StartsWith("-f", StringComparison.Ordinal) && w.Length > 2) { runsFile = true; if (w is "-f" or "--file") Next(); }
            else if (w is "-U" or "--username" or "-h" or "--host" or "-p" or "--port" or "-v" or "--set" or "-P" or "--pset") Next();
            else if (w.StartsWith('-')) { }
            else positional.Add(w);
        }
        database ??= positional.FirstOrDefault();
        if (database is not null && (database.Contains('=') || database.Contains("://"))) database = null; // a connection string: keep the lab's
        return runsFile ? new(database, null, RunsAsShell: true) : new(database, command, RunsAsShell: false);
    }

    /// <summary>Commands that are certainly shell, even inside a block tagged sql.</summary>
    public static bool KnownShellCommand(string line) => ShellCommand().IsMatch(line.Trim());

    private static bool QuotedOnly(string s)
    {
        // Characters such as ';' inside the -c "..." argument do not make the line a pipeline.
        var outside = new StringBuilder();
        char quote = '\0';
        foreach (var c in s)
        {
            if (quote != '\0') { if (c == quote) quote = '\0'; continue; }
            if (c is '\'' or '"') { quote = c; continue; }
            outside.Append(c);
        }
        return outside.ToString().IndexOfAny(['|', '<', '>', ';', '&']) < 0;
    }

    private static List<string> Words(string s)
    {
        var words = new List<string>();
        var current = new StringBuilder();
        char quote = '\0';
        var any = false;
        foreach (var c in s)
        {
            if (quote != '\0')
            {
                if (c == quote) quote = '\0';
                else current.Append(c);
                continue;
            }
            if (c is '\'' or '"') { quote = c; any = true; continue; }
            if (char.IsWhiteSpace(c))
            {
                if (any || current.Length > 0) words.Add(current.ToString());
                current.Clear();
                any = false;
                continue;
            }
            current.Append(c);
        }
        if (any || current.Length > 0) words.Add(current.ToString());
        return words;
    }

    [GeneratedRegex(@"^(?:sudo\s+(?:-[iEH]+\s+)*-u\s*postgres\s+|sudo\s+-iu\s*postgres\s+|su\s+postgres\s+-c\s+)")]
    private static partial Regex SudoPrefix();

    [GeneratedRegex(@"^(?:sudo|su|cd|ls|cp|mv|rm|mkdir|rmdir|chmod|chown|cat|echo|export|rsync|tar|gzip|gunzip|scp|ssh|systemctl|service|pg_ctl|pg_ctlcluster|pg_basebackup|pg_dump|pg_dumpall|pg_restore|pg_archivecleanup|pg_waldump|pg_controldata|pg_resetwal|pg_rewind|pg_upgrade|pg_verifybackup|pg_isready|pgbench|initdb|createdb|dropdb|createuser|dropuser|vacuumdb|reindexdb|touch|tail|head|grep|find|du|df|ps|kill|sleep|watch|nano|vi|vim|tee|wc|sed|awk|sort|diff|ln|apt|apt-get|yum|dnf)\b")]
    private static partial Regex ShellCommand();
}
