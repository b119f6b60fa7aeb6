using System.Text;
using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>Reads a `psql ...` command line: which database, port and host it opens, and whether it runs SQL itself (-c) or a file (then it stays shell).</summary>
internal static partial class Psql
{
    public sealed record Call(string? Database, string? Command, bool RunsAsShell)
    {
        public string? Host { get; init; }
        public int? Port { get; init; }
        public string? User { get; init; }
        /// <summary>Every -c, in order (psql runs each as its own command).</summary>
        public IReadOnlyList<string> Commands { get; init; } = [];
    }

    public static Call? Invocation(string line)
    {
        var s = Unwrapped(line);
        if (!s.StartsWith("psql", StringComparison.Ordinal) || s.Length > 4 && !char.IsWhiteSpace(s[4])) return null;
        if (s.IndexOfAny(['|', '<', '>', ';', '&']) >= 0 && !QuotedOnly(s)) return new(null, null, RunsAsShell: true);
        var words = Words(s[4..]);
        string? database = null, host = null, user = null;
        int? port = null;
        var commands = new List<string>();
        var positional = new List<string>();
        var runsFile = false;
        for (var i = 0; i < words.Count; i++)
        {
            var w = words[i];
            string? Next() => i + 1 < words.Count ? words[++i] : null;
            if (w is "-d" or "--dbname") database = Next();
            else if (w.StartsWith("--dbname=", StringComparison.Ordinal)) database = w["--dbname=".Length..];
            else if (w.StartsWith("-d", StringComparison.Ordinal) && w.Length > 2 && !w.StartsWith("--", StringComparison.Ordinal)) database = w[2..];
            else if (w is "-c" or "--command") { if (Next() is { } c) commands.Add(c); }
            else if (w.StartsWith("--command=", StringComparison.Ordinal)) commands.Add(w["--command=".Length..]);
            else if (w is "-f" or "--file" || w.StartsWith("--file=", StringComparison.Ordinal) || w.StartsWith("-f", StringComparison.Ordinal) && w.Length > 2) { runsFile = true; if (w is "-f" or "--file") Next(); }
            else if (w is "-p" or "--port") port = int.TryParse(Next(), System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
            else if (w.StartsWith("-p", StringComparison.Ordinal) && w.Length > 2 && !w.StartsWith("--", StringComparison.Ordinal) && int.TryParse(w[2..], System.Globalization.CultureInfo.InvariantCulture, out var p2)) port = p2;
            else if (w is "-h" or "--host") host = Next();
            else if (w is "-U" or "--username") user = Next();
            else if (w is "-v" or "--set" or "-P" or "--pset") Next();
            else if (w.StartsWith('-')) { }
            else positional.Add(w);
        }
        database ??= positional.FirstOrDefault();
        if (database is not null && (database.Contains('=') || database.Contains("://"))) database = null; // a connection string: keep the lab's
        var command = commands.Count == 0 ? null : string.Join("\n", commands.Select(c => c.TrimEnd().EndsWith(';') || c.TrimStart().StartsWith('\\') ? c : c + ";"));
        return runsFile
            ? new(database, null, RunsAsShell: true) { Host = host, Port = port, User = user }
            : new(database, command, RunsAsShell: false) { Host = host, Port = port, User = user, Commands = commands };
    }

    /// <summary>The command without what only chooses the OS user or the environment (sudo -u postgres, su postgres -c, PGPASSWORD=...).</summary>
    public static string Unwrapped(string line)
    {
        var s = line.Trim();
        for (var i = 0; i < 4; i++)
        {
            var before = s;
            s = EnvAssignment().Replace(s, "");
            s = SudoPrefix().Replace(s, "");
            if (s == before) break;
        }
        return s;
    }

    /// <summary>Commands that are certainly shell, even inside a block tagged sql.</summary>
    public static bool KnownShellCommand(string line)
    {
        var s = line.Trim();
        if (ShellCommand().IsMatch(s)) return true;
        var bare = EnvAssignment().Replace(s, "");
        return bare != s && ShellCommand().IsMatch(bare) || s.StartsWith("./", StringComparison.Ordinal) || s.StartsWith("~/", StringComparison.Ordinal)
            || s.StartsWith('/') && !s.StartsWith("/*", StringComparison.Ordinal) && s.IndexOf(' ') is var sp && !s[..(sp < 0 ? s.Length : sp)].Contains('.') && s.Length > 1 && char.IsLetter(s[1]);
    }

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

    [GeneratedRegex(@"^(?:sudo(?:\s+-[iEHn]+)*(?:\s+-u\s*\S+)?(?:\s+-[iEHn]+)*\s+|sudo\s+-iu\s*\S+\s+|su\s+(?:-\s+|-l\s+)?\S+\s+-c\s+)")]
    private static partial Regex SudoPrefix();

    [GeneratedRegex(@"^[A-Z_][A-Z0-9_]*=(?:'[^']*'|""[^""]*""|\S*)\s+")]
    private static partial Regex EnvAssignment();

    [GeneratedRegex(@"^(?:sudo|su|cd|ls|cp|mv|rm|mkdir|rmdir|chmod|chown|cat|echo|export|rsync|tar|gzip|gunzip|scp|ssh|systemctl|service|pg_ctl|pg_ctlcluster|pg_basebackup|pg_dump|pg_dumpall|pg_restore|pg_archivecleanup|pg_waldump|pg_controldata|pg_resetwal|pg_rewind|pg_upgrade|pg_verifybackup|pg_isready|pgbench|initdb|createdb|dropdb|createuser|dropuser|vacuumdb|reindexdb|touch|tail|head|grep|find|du|df|ps|kill|sleep|watch|nano|vi|vim|tee|wc|sed|awk|sort|diff|ln|apt|apt-get|yum|dnf|pg_lsclusters|pg_createcluster|pg_dropcluster|pg_upgradecluster|pg_conftool|pg_config|pg_receivewal|pg_recvlogical|pg_checksums|pg_amcheck|clusterdb|vacuumlo|zcat|zgrep|cut|uniq|xargs|which|whoami|hostname|ping|openssl|bash|sh|printf|journalctl|dpkg|bzip2|bunzip2|xz|zstd|lz4|zip|unzip|curl|wget|git|jq|tmux|pv|python3|perl|md5sum|sha256sum|readlink|realpath|mktemp|useradd|passwd|chgrp|nohup|netstat|lsof|vim|emacs|sudoedit|gedit)\b")]
    private static partial Regex ShellCommand();
}
