using System.Text;

namespace LabRunner.Authoring;

/// <summary>
/// The absolute paths a shell step writes to, as far as a reading of its text can tell: redirections (`&gt;`, `&gt;&gt;`),
/// `tee`, the destination of cp/mv/rsync/install/ln, what touch/mkdir/rm/truncate/chmod/chown name, and the output
/// options of the PostgreSQL tools and tar (-D, -f, -C, --pgdata=…). A heuristic for `validate`: it never decides what runs.
/// </summary>
public static class ShellWrites
{
    /// <summary>
    /// Where a confined shell step may write (the sandbox's own folders, bound at these paths); relative paths and
    /// {{variables}} are the lab's work folder or its servers' folders.
    /// </summary>
    public static readonly string[] Writable =
        ["/tmp", "/var/tmp", "/run", "/etc/postgresql", "/etc/postgresql-common", "/var/lib/postgresql", "/var/log/postgresql", "/dev/null", "/dev/stdout", "/dev/stderr"];

    private static readonly HashSet<string> LastIsDestination = ["cp", "mv", "rsync", "install", "ln", "scp"];
    private static readonly HashSet<string> AllAreTargets = ["touch", "mkdir", "rm", "rmdir", "truncate", "tee", "shred"];
    private static readonly HashSet<string> ModeFirst = ["chmod", "chown", "chgrp"];
    private static readonly HashSet<string> Prefixes = ["sudo", "runuser", "env", "nice", "time", "nohup", "setsid", "exec"];
    private static readonly HashSet<string> OutputOptions = ["-D", "-f", "-C", "--pgdata", "--file", "--directory", "-o", "--output"];
    private static readonly HashSet<string> OutputOptionTools = ["pg_basebackup", "pg_dump", "pg_dumpall", "initdb", "tar", "pg_receivewal", "pg_ctl", "pg_upgrade", "curl", "wget"];

    /// <summary>The absolute paths outside <see cref="Writable"/> that <paramref name="script"/> writes to, in order, once each.</summary>
    public static IReadOnlyList<string> Outside(string script) =>
        Targets(script).Where(p => p.StartsWith('/') && !Writable.Any(w => p == w || p.StartsWith(w + "/", StringComparison.Ordinal)))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every path the script writes to, as written (variables unexpanded).</summary>
    public static IEnumerable<string> Targets(string script)
    {
        foreach (var command in Commands(script))
        {
            var words = command;
            // Redirections anywhere in the command.
            for (var i = 0; i < words.Count; i++)
            {
                var w = words[i];
                var arrow = w.IndexOf('>', StringComparison.Ordinal);
                if (arrow < 0 || w.StartsWith('\'')) continue;
                var after = w[(arrow + 1)..].TrimStart('>', '|');
                if (after.StartsWith('&')) continue; // 2>&1
                var target = after.Length > 0 ? after : i + 1 < words.Count ? words[i + 1] : null;
                if (target is not null) yield return target;
            }
            var plain = words.Where(w => !w.Contains('>', StringComparison.Ordinal)).ToList();
            var start = 0;
            while (start < plain.Count && (Prefixes.Contains(plain[start]) || plain[start].Contains('=', StringComparison.Ordinal)
                   || (start > 0 && Prefixes.Contains(plain[start - 1]) && plain[start].StartsWith('-'))
                   || (start > 0 && plain[start - 1] is "-u" or "-g" or "--user")))
                start++;
            if (start >= plain.Count) continue;
            var name = Path.GetFileName(plain[start]);
            var args = plain.Skip(start + 1).ToList();
            var operands = args.Where(a => !a.StartsWith('-')).ToList();
            if (LastIsDestination.Contains(name) && operands.Count >= 2) yield return operands[^1];
            else if (AllAreTargets.Contains(name)) foreach (var o in operands) yield return o;
            else if (ModeFirst.Contains(name)) foreach (var o in operands.Skip(1)) yield return o;
            else if (OutputOptionTools.Contains(name))
                for (var i = 0; i < args.Count; i++)
                {
                    var eq = args[i].IndexOf('=', StringComparison.Ordinal);
                    if (eq > 0 && OutputOptions.Contains(args[i][..eq])) yield return args[i][(eq + 1)..];
                    else if (OutputOptions.Contains(args[i]) && i + 1 < args.Count) yield return args[i + 1];
                    else if (args[i].Length > 2 && args[i][0] == '-' && args[i][1] != '-' && OutputOptions.Contains(args[i][..2]) && name != "tar")
                        yield return args[i][2..]; // -D/path
                }
        }
    }

    /// <summary>The script's simple commands as words (quotes removed), split at newlines, ;, &amp;&amp;, || and |; here-documents skipped.</summary>
    private static IEnumerable<List<string>> Commands(string script)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        string? heredoc = null;
        foreach (var rawLine in script.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (heredoc is not null)
            {
                if (line.Trim() == heredoc) heredoc = null;
                continue;
            }
            for (var i = 0; i < line.Length; i++)
            {
                var c = line[i];
                if (c == '#' && !inWord) break;
                if (c is '\'' or '"')
                {
                    var end = line.IndexOf(c, i + 1);
                    if (end < 0) end = line.Length;
                    word.Append(line, i + 1, end - i - 1);
                    inWord = true;
                    i = end;
                    continue;
                }
                if (c == '\\')
                {
                    if (i + 1 < line.Length) { word.Append(line[++i]); inWord = true; }
                    continue; // at the end of the line: the command goes on on the next one
                }
                if (char.IsWhiteSpace(c) || c is ';' or '|' or '&' or '(' or ')')
                {
                    // "2>&1", ">>" and "&>" stay words so redirections are seen; a lone & or | ends the command.
                    if (c == '&' && word.Length > 0 && word[^1] == '>') { word.Append(c); continue; }
                    if (c == '&' && i + 1 < line.Length && line[i + 1] == '>') { word.Append(c); inWord = true; continue; }
                    if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                    if (c is ';' or '|' or '&' or '(' or ')') { if (words.Count > 0) yield return words; words = []; }
                    continue;
                }
                if (c == '<' && i + 1 < line.Length && line[i + 1] == '<')
                {
                    var rest = line[(i + 2)..].TrimStart('-', '~').Trim();
                    var marker = rest.Split(' ', 2)[0].Trim('\'', '"');
                    if (marker.Length > 0) heredoc = marker;
                    var more = rest.Split(' ', 2) is { Length: 2 } parts ? parts[1] : "";
                    if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
                    foreach (var w in Commands(more).SelectMany(x => x)) words.Add(w);
                    break;
                }
                word.Append(c);
                inWord = true;
            }
            if (inWord) { words.Add(word.ToString()); word.Clear(); inWord = false; }
            if (line.EndsWith('\\')) continue;
            if (words.Count > 0) yield return words;
            words = [];
        }
        if (inWord) words.Add(word.ToString());
        if (words.Count > 0) yield return words;
    }
}
