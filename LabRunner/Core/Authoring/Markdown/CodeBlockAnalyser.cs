using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Reads a code block line by line, whatever its language tag says: SQL statements, psql meta-commands, psql invocations
/// (which choose the database and are not run), prompts (which name sessions and mark transcripts), shell commands, and
/// the output pasted after a statement.
/// </summary>
internal sealed partial class CodeBlockAnalyser(PsqlContext context, List<ImportWarning> warnings)
{
    public sealed record Result(IReadOnlyList<CodeSegment> Segments, string? OutputOnly);

    private readonly List<CodeSegment> _segments = [];
    private CodeSegment? _current;
    private string _session = SqlAction.MainSession;
    private string? _database;
    private bool _open;             // an SQL statement is not finished yet
    private bool _shellContinues;   // the previous shell line ended with a backslash
    private bool _output;           // lines are output until the next input

    public static bool IsSqlLanguage(string? info) =>
        (info ?? "").Trim().ToLowerInvariant() is "sql" or "psql" or "pgsql" or "postgresql" or "postgres" or "plpgsql" or "plsql";

    public static bool IsOutputLanguage(string? info) =>
        (info ?? "").Trim().ToLowerInvariant() is "text" or "txt" or "output" or "plaintext" or "plain" or "out" or "result" or "resultado";

    public Result Analyse(IReadOnlyList<CodeLine> lines, string? info)
    {
        _database = context.Database;
        var sqlByDefault = IsSqlLanguage(info);
        var outputLanguage = IsOutputLanguage(info);
        var nonBlank = lines.Where(l => l.Text.Trim().Length > 0).ToList();
        if (nonBlank.Count == 0) return new([], null);
        // A block of nothing but psql output (a result pasted on its own).
        var prompted = nonBlank.Any(l => Prompt(l.Text.Trim(), false) is not null);
        var commands = nonBlank.Any(l => l.Text.TrimEnd().EndsWith(';') || Psql.Invocation(l.Text) is not null || l.Text.TrimStart().StartsWith('\\'));
        if (!prompted && (outputLanguage && !commands
                          || !commands && nonBlank.Any(l => SqlText.IsTableFrame(l.Text))
                          || nonBlank.All(l => SqlText.LooksLikeOutput(l.Text) && !SqlText.StartsStatement(l.Text.Trim()))))
            return new([], CodeSegment.Dedent(lines.Select(l => l.Text).ToList()));

        _lines = lines;
        for (var i = 0; i < lines.Count; i++) Take(lines[i].Text.TrimEnd(), lines[i].Line, sqlByDefault, i);
        return new(_segments, null);
    }

    private IReadOnlyList<CodeLine> _lines = [];

    /// <summary>A result table starts here: a header line followed by its rule (psql output pasted with no prompt).</summary>
    private bool TableFollows(int index) =>
        _lines.Skip(index + 1).Take(2).Any(l => SqlText.IsTableFrame(l.Text));

    private void Take(string raw, int line, bool sqlByDefault, int index)
    {
        var s = raw.Trim();
        if (s.Length == 0)
        {
            if (_open || _shellContinues) _current?.Commands.Add("");
            else if (_output) _current?.Output.Add("");
            return;
        }
        var prompt = Prompt(s, _open);
        if (prompt is not null)
        {
            if (prompt.Session is not null) _session = prompt.Session;
            if (prompt.Database is not null && !_open && _database is null) UseDatabase(prompt.Database);
            _output = false;
            if (prompt.Shell)
            {
                if (Psql.Invocation(prompt.Rest) is not null) Input(prompt.Rest.Trim(), prompt.Rest, line, sqlByDefault: false, transcript: false);
                else Shell(prompt.Rest, raw, line);
                return;
            }
            s = prompt.Rest.Trim();
            if (s.Length == 0) return;
            if (_open) { Sql(s, line, transcript: true); return; }
            Input(s, raw, line, sqlByDefault, transcript: true);
            return;
        }
        if (_open) { Sql(raw, line, transcript: false); return; }
        if (_shellContinues) { Shell(raw, raw, line); return; }
        var afterSql = _current is { Kind: SegmentKind.Sql };
        if (afterSql && (_output || _current!.FromTranscript
                         || SqlText.LooksLikeOutput(raw) && (!SqlText.StartsStatement(s) || SqlText.IsCommandTag(s))
                         || !SqlText.StartsStatement(s) && !s.StartsWith('\\') && TableFollows(index)))
        {
            _output = true;
            _current!.Output.Add(raw);
            return;
        }
        Input(s, raw, line, sqlByDefault, transcript: false);
    }

    private void Input(string s, string raw, int line, bool sqlByDefault, bool transcript)
    {
        if (Psql.Invocation(s) is { } psql)
        {
            if (psql.Database is { } db) UseDatabase(db);
            if (psql.Command is { } sql)
            {
                warnings.Add(new(line, $"psql -c: its SQL runs in {Where()}", IsInfo: true));
                Sql(sql, line, transcript);
                _open = false;
            }
            else if (psql.RunsAsShell) Shell(s, raw, line);
            else warnings.Add(new(line, $"\"{s}\" is not run: it opens a psql session; the SQL after it runs in {Where()}", IsInfo: true));
            return;
        }
        if (SwitchUser().IsMatch(s))
        {
            warnings.Add(new(line, $"\"{s}\" is not run: LabRunner runs shell steps as the server's user", IsInfo: true));
            return;
        }
        if (s.StartsWith('\\')) { Meta(s, line); return; }
        if (SqlText.StartsStatement(s) || s.StartsWith("--", StringComparison.Ordinal) || transcript || sqlByDefault && !LooksLikeShell(s))
        {
            Sql(transcript ? s : raw, line, transcript);
            return;
        }
        Shell(raw, raw, line);
    }

    private void Meta(string s, int line)
    {
        var m = SetPrompt().Match(s);
        if (m.Success)
        {
            if (m.Groups["n"].Value == "1")
            {
                var name = PromptName(m.Groups["value"].Value);
                if (name.Length > 0)
                {
                    var session = LabIds.Slug(name, "lab");
                    context.PromptSessions[name] = session;
                    _session = session;
                    warnings.Add(new(line, $"prompt {name}> names session \"{session}\"; the \\set line is not run", IsInfo: true));
                }
            }
            return;
        }
        var connect = Connect().Match(s);
        if (connect.Success)
        {
            UseDatabase(connect.Groups["db"].Value.Trim('"', '\''));
            warnings.Add(new(line, $"\"{s}\" is not run: the SQL after it runs in database {_database}", IsInfo: true));
            return;
        }
        if (Quit().IsMatch(s)) return;
        Add(SegmentKind.Sql, line).Commands.Add(s);
        _open = false;
    }

    private void Sql(string text, int line, bool transcript)
    {
        var segment = Add(SegmentKind.Sql, line);
        if (transcript) segment.FromTranscript = true;
        segment.Commands.Add(MachinePath(text, line));
        _open = !LastStatementComplete(segment);
        _shellContinues = false;
    }

    private static bool LastStatementComplete(CodeSegment segment)
    {
        // Only the statement being written counts: from after the last complete one (or meta-command).
        var pending = new List<string>();
        foreach (var l in segment.Commands)
        {
            pending.Add(l);
            if (l.TrimStart().StartsWith('\\') || SqlText.IsComplete(string.Join("\n", pending))) pending.Clear();
        }
        return pending.All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith("--", StringComparison.Ordinal));
    }

    private void Shell(string text, string raw, int line)
    {
        var segment = Add(SegmentKind.Shell, line);
        segment.Commands.Add(MachinePath(text, line));
        _shellContinues = raw.TrimEnd().EndsWith('\\');
        _open = false;
    }

    private string MachinePath(string text, int line)
    {
        var rewrites = new List<MachinePaths.Rewrite>();
        var result = MachinePaths.Apply(text, rewrites);
        foreach (var r in rewrites.Where(r => r.Major is not null)) context.AuthorVersion ??= (r.Major!.Value, line);
        foreach (var r in rewrites)
            warnings.Add(new(line, r.To == "{{data_directory}}"
                ? $"{r.From} is one machine's data directory: replaced by {{{{data_directory}}}} (the server's data directory)"
                : $"{r.From} is a path on the author's machine: replaced by {r.To} (a scratch directory for the lab)"));
        if (MachinePaths.ExcludeRewrittenFiles(result) is { } amended)
        {
            warnings.Add(new(line, "rsync copies a running server's data directory: added --exclude='pg_internal.init' " +
                "(the server rewrites it while it runs, so rsync would stop with exit 24; PostgreSQL's backup docs say it may be left out)", IsInfo: true));
            result = amended;
        }
        return result;
    }

    private CodeSegment Add(SegmentKind kind, int line)
    {
        var session = kind == SegmentKind.Sql ? _session : SqlAction.MainSession;
        var database = kind == SegmentKind.Sql ? _database : null;
        if (_current is not null && _current.Kind == kind && _current.Session == session && _current.Database == database)
        {
            if (_output && kind == SegmentKind.Sql) _output = false;
            return _current;
        }
        _output = false;
        _current = new CodeSegment(kind, session, database, line);
        _segments.Add(_current);
        return _current;
    }

    private void UseDatabase(string database)
    {
        _database = database;
        context.UseDatabase(database);
    }

    private string Where() => _database is null ? "the lab's database" : $"database {_database}";

    private sealed record PromptMatch(string Rest, string? Session, string? Database, bool Shell);

    /// <summary>A prompt at the start of a line: psql's (curso=&gt;, curso-&gt;), a session's (ALICE&gt;), or a shell's ($).</summary>
    private PromptMatch? Prompt(string s, bool open)
    {
        var shell = ShellPrompt().Match(s);
        if (shell.Success && !open) return new(s[shell.Length..], null, null, Shell: true);
        var m = PsqlPrompt().Match(s);
        if (m.Success)
        {
            var name = m.Groups["name"].Value;
            var mark = m.Groups["mark"].Value;
            var continuation = mark is "->" or "-#" or "(>" or "(#" or "'>" or "'#" or "\">" or "*>" or "*#";
            if (continuation) return open ? new(m.Groups["rest"].Value, null, null, false) : null;
            if (!open && mark is "=>" or "=#") return new(m.Groups["rest"].Value, null, name, false);
        }
        var session = SessionPrompt().Match(s);
        if (session.Success)
        {
            var name = session.Groups["name"].Value;
            if (context.PromptSessions.TryGetValue(name, out var known)) return new(session.Groups["rest"].Value, known, null, false);
            if (!open && name.Length > 1 && string.Equals(name, name.ToUpperInvariant(), StringComparison.Ordinal) && name.Any(char.IsLetter))
            {
                var slug = LabIds.Slug(name, "lab");
                context.PromptSessions[name] = slug;
                return new(session.Groups["rest"].Value, slug, null, false);
            }
        }
        return null;
    }

    private static string PromptName(string value)
    {
        var v = value.Trim().Trim('\'', '"').Trim();
        v = PromptEscapes().Replace(v, "");
        return v.TrimEnd(' ', '>', '#', '=').Trim();
    }

    private static bool LooksLikeShell(string s) => Psql.KnownShellCommand(s);

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w]*)(?<mark>=>|=#|->|-#|\(>|\(#|'>|'#|"">|\*>|\*#)\s?(?<rest>.*)$")]
    private static partial Regex PsqlPrompt();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w-]*)>\s?(?<rest>.*)$")]
    private static partial Regex SessionPrompt();

    [GeneratedRegex(@"^(?:\$|[\w.-]+@[\w.-]+:[^$#\s]*[$#])\s+")]
    private static partial Regex ShellPrompt();

    [GeneratedRegex(@"^\\set\s+PROMPT(?<n>[123])\s+(?<value>.*)$")]
    private static partial Regex SetPrompt();

    [GeneratedRegex(@"%[/~#>RxlnMmp]|%\[|%\]")]
    private static partial Regex PromptEscapes();

    [GeneratedRegex(@"^\\(?:c|connect)\s+(?<db>\S+)")]
    private static partial Regex Connect();

    [GeneratedRegex(@"^\\q\s*$")]
    private static partial Regex Quit();

    [GeneratedRegex(@"^(?:sudo\s+)?su\s+(?:-\s+|-l\s+|--login\s+)?postgres\s*$|^sudo\s+-[iu]+\s+(?:-u\s+)?postgres\s*$|^sudo\s+-i\s+-u\s+postgres\s*$|^exit\s*$")]
    private static partial Regex SwitchUser();
}
