using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>What a code block is, by its content.</summary>
internal enum BlockRole { Empty, Commands, OpensOnly, Output, Diagram, PseudoCode, Syntax, Config, Text }

/// <summary>A code block read: its role, the runnable segments, the output it shows and what it only opened or named.</summary>
internal sealed record BlockAnalysis(BlockRole Role, IReadOnlyList<CodeSegment> Segments)
{
    /// <summary>Role Output: the output shown (dedented), from <see cref="OutputLine"/>.</summary>
    public string? Output { get; init; }
    public int OutputLine { get; init; }
    /// <summary>Output lines at the top of a block of commands: the completion of a statement of an earlier step.</summary>
    public IReadOnlyList<CodeLine> Leading { get; init; } = [];
    /// <summary>A file an editor command opens in this block (`sudo vi /etc/.../postgresql.conf`), not run.</summary>
    public string? EditorFile { get; init; }
    /// <summary>What lines of the block did that is not a segment (opened psql on curso, switched OS user...), by line.</summary>
    public IReadOnlyList<(int Line, string Note)> Notes { get; init; } = [];
    /// <summary>Lines carry prompts (psql's, a session's or a shell's).</summary>
    public bool Prompted { get; init; }
    public string? LeadingText => Leading.Any(l => l.Text.Trim().Length > 0) ? string.Join("\n", CodeSegment.TrimBlankEnds(Leading.Select(l => l.Text).ToList())) : null;
}

/// <summary>Hints from around a block: the step's prose and the blocks before it.</summary>
internal sealed record BlockHints(string Session)
{
    /// <summary>A result label ("Resultado esperado:", "Expected output:") introduces the block.</summary>
    public bool IntroducedAsOutput { get; init; }
    /// <summary>The block before it in the same step ran commands.</summary>
    public bool AfterCommands { get; init; }
    /// <summary>An editor was opened on this file just before (the block then holds lines for it).</summary>
    public string? EditorFile { get; init; }
}

/// <summary>
/// Reads a code block, whatever its language tag says: ASCII diagrams, pseudo-code and syntax are text; lines for a
/// configuration file are an edit; output (psql's, or after a shell prompt) is expected output; the rest, line by line:
/// SQL statements, psql meta-commands, psql invocations (which choose the database, port and session and are not run),
/// prompts (which name sessions and mark transcripts), editor commands and shell commands.
/// </summary>
internal sealed partial class CodeBlockAnalyser(PsqlContext context, List<ImportWarning> warnings)
{
    private readonly List<CodeSegment> _segments = [];
    private readonly List<CodeLine> _leading = [];
    private readonly List<(int, string)> _notes = [];
    private IReadOnlyList<CodeLine> _lines = [];
    private HashSet<int> _tableLines = [];
    private CodeSegment? _current;
    /// <summary>
    /// A `psql -c "..."` just read: closed to later SQL (it connects, runs and leaves), but the lines after it in a
    /// transcript are its output, not the completion of some earlier step.
    /// </summary>
    private CodeSegment? _outputOwner;
    private string _session = SqlAction.MainSession;
    private string? _database;
    private string? _server;
    private string? _editor;
    private bool _open;             // an SQL statement is not finished yet
    private bool _shellContinues;   // the previous shell line ended with a backslash
    private bool _output;           // lines are output until the next input
    private bool _inputSeen;
    private bool _lastInputPrompted; // the last command line carried a prompt: the block is a pasted session

    public static bool IsSqlLanguage(string? info) =>
        Word(info) is "sql" or "psql" or "pgsql" or "postgresql" or "postgres" or "plpgsql" or "plsql";

    public static bool IsShellLanguage(string? info) =>
        Word(info) is "shell" or "bash" or "sh" or "console" or "terminal" or "zsh" or "shell-session" or "shellsession";

    public static bool IsOutputLanguage(string? info) =>
        Word(info) is "text" or "txt" or "output" or "plaintext" or "plain" or "out" or "result" or "resultado" or "salida";

    /// <summary>A fence whose info string is a result label (```Salida esperada:): the block is expected output.</summary>
    public static bool IsOutputLabel(string? info) => info is { } i && i.Trim().Length > 0 && Headings.ResultLabel(i) is not null;

    private static string Word(string? info) => (info ?? "").Trim().Split(' ', 2)[0].ToLowerInvariant();

    public BlockAnalysis Analyse(IReadOnlyList<CodeLine> lines, string? info, BlockHints hints)
    {
        _session = hints.Session;
        _database = context.DatabaseOf(_session);
        _server = context.ServerOf(_session);
        var texts = lines.Select(l => l.Text).ToList();
        var nonBlank = lines.Where(l => l.Text.Trim().Length > 0).ToList();
        if (nonBlank.Count == 0) return new(BlockRole.Empty, []);
        if (BlockShapes.IsDiagram(texts)) return new(BlockRole.Diagram, []);
        if (BlockShapes.IsPseudoCode(texts)) return new(BlockRole.PseudoCode, []);
        if (BlockShapes.IsSyntax(texts)) return new(BlockRole.Syntax, []);
        var prompted = nonBlank.Any(l => Prompt(l.Text.Trim(), false) is not null);
        _tableLines = TableLines(texts);
        var input = lines.Where((l, i) => l.Text.Trim().Length > 0 && !_tableLines.Contains(i)).Any(l => IsInput(l.Text));
        if (!prompted && (hints.IntroducedAsOutput || IsOutputLabel(info) || IsOutputLanguage(info) && !input))
            return OutputOnly(lines);
        if (!prompted && hints.EditorFile is not null && (BlockShapes.IsConfigLines(texts) || !input))
            return new(BlockRole.Config, []) { EditorFile = hints.EditorFile };
        if (!prompted && BlockShapes.IsConfigLines(texts)) return new(BlockRole.Config, []);
        if (!prompted && !input && (nonBlank.Any(l => SqlText.IsSurelyOutput(l.Text) || SqlText.IsCommandTag(l.Text))
                                    || nonBlank.All(l => SqlText.LooksLikeOutput(l.Text))
                                    || hints.AfterCommands))
            return OutputOnly(lines);
        // Neither commands nor output, in a fence that does not say it holds commands: words to read, never run.
        if (!prompted && !input && !IsSqlLanguage(info) && !IsShellLanguage(info)) return new(BlockRole.Text, []);

        _lines = lines;
        var sqlByDefault = IsSqlLanguage(info);
        for (var i = 0; i < lines.Count; i++) Take(lines[i].Text.TrimEnd(), lines[i].Line, sqlByDefault, i);
        var role = _segments.Count > 0 ? BlockRole.Commands : BlockRole.OpensOnly;
        return new(role, _segments) { Leading = _leading, EditorFile = _editor, Notes = _notes, Prompted = prompted };
    }

    private static BlockAnalysis OutputOnly(IReadOnlyList<CodeLine> lines)
    {
        var first = lines.FirstOrDefault(l => l.Text.Trim().Length > 0);
        return new(BlockRole.Output, []) { Output = CodeSegment.Dedent(lines.Select(l => l.Text).ToList()), OutputLine = first.Line };
    }

    /// <summary>A line that can only be typed, never printed: a statement ending in ';', a meta-command, psql, a known command.</summary>
    private static bool IsInput(string line)
    {
        var s = line.Trim();
        if (SqlText.IsSurelyOutput(s)) return false;
        return s.EndsWith(';') && !SqlText.IsMessage(s) || s.StartsWith('\\') || Psql.Invocation(s) is not null
               || Psql.KnownShellCommand(s) || SqlText.StartsStatement(s) && !SqlText.IsCommandTag(s) && s.Length > 0 && !s.Contains(" | ")
               || BlockShapes.EditorFile(s) is not null;
    }

    /// <summary>
    /// The lines of psql result tables in a block: a header, its rule, and the rows down to the footer or a blank line.
    /// Rows are output even when a cell reads like SQL (" CREATE INDEX idx ON t USING gin (datos)").
    /// </summary>
    private static HashSet<int> TableLines(IReadOnlyList<string> lines)
    {
        var result = new HashSet<int>();
        for (var i = 0; i + 1 < lines.Count; i++)
        {
            if (lines[i].Trim().Length == 0 || !SqlText.IsTableRule(lines[i + 1]) || SqlText.IsTableRule(lines[i])) continue;
            var title = i > 0 && lines[i - 1].StartsWith("  ", StringComparison.Ordinal) && lines[i - 1].Trim().Length > 0
                        && !lines[i - 1].TrimEnd().EndsWith(';') && !lines[i - 1].Contains('|');
            if (title) result.Add(i - 1); // "Listado de relaciones", the title of a \d listing
            result.Add(i);
            result.Add(i + 1);
            var j = i + 2;
            for (; j < lines.Count && lines[j].Trim().Length > 0; j++)
            {
                result.Add(j);
                if (SqlText.IsTableFrame(lines[j]) && !SqlText.IsTableRule(lines[j])) break;
            }
            i = j;
        }
        return result;
    }

    /// <summary>A result table starts here: a header line followed by its rule (psql output pasted with no prompt).</summary>
    private bool TableFollows(int index) =>
        _lines.Skip(index + 1).Take(2).Any(l => SqlText.IsTableFrame(l.Text));

    private void Take(string raw, int line, bool sqlByDefault, int index)
    {
        var s = raw.Trim();
        var here = new CodeLine(raw, line);
        if (s.Length == 0)
        {
            if (_open || _shellContinues) _current?.Commands.Add("");
            else if (_output) _current?.Output.Add(here);
            else if (!_inputSeen && _leading.Count > 0) _leading.Add(here);
            return;
        }
        // psql's greeting after `$ psql -d shop` ("psql (15.18)", "Type \"help\" for help."): neither a command nor a result.
        if (!_open && !_shellContinues && PsqlBanner().IsMatch(s))
        {
            _notes.Add((line, $"\"{s}\" is psql's greeting: not run, not compared"));
            return;
        }
        var prompt = Prompt(s, _open);
        _lastInputPrompted |= prompt is not null;
        if (prompt is not null)
        {
            _inputSeen = true;
            _output = false;
            if (prompt.Session is not null && prompt.Session != _session)
            {
                _session = prompt.Session;
                _database = context.DatabaseOf(_session);
                _server = context.ServerOf(_session);
            }
            if (prompt.Database is not null && !_open && context.FirstDatabase is null) Connect(prompt.Database, null, line);
            if (prompt.Shell)
            {
                if (prompt.Directory is { } dir) ChangeDirectory(dir, line, fromPrompt: true);
                var rest = prompt.Rest.Trim();
                if (Psql.Invocation(rest) is not null || SwitchUser().IsMatch(rest) || BlockShapes.EditorFile(rest) is not null)
                {
                    Input(rest, rest, line, sqlByDefault: false, transcript: false);
                    if (_outputOwner is not null && _current is null) _outputOwner.FromTranscript = true; // `$ psql -c ...`: what follows is printed
                    return;
                }
                Shell(rest, rest, line);
                _current!.FromTranscript = true;
                _output = !_shellContinues;
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
        if (_tableLines.Contains(index))
        {
            if (!_inputSeen) _leading.Add(here);
            else if (_current is { Kind: SegmentKind.Sql } sqlSegment) { _output = true; sqlSegment.Output.Add(here); }
            else if ((_current ?? _outputOwner) is { } other) other.Output.Add(here);
            else _leading.Add(here);
            return;
        }
        // After a bare `psql -c` (no shell prompt before it), only lines that look printed are its output.
        if (_output && _current is null && _outputOwner is { FromTranscript: false }
            && !(SqlText.IsSurelyOutput(s) || SqlText.IsCommandTag(s) || SqlText.LooksLikeOutput(raw)))
            _output = false;
        if (_output && (_current ?? _outputOwner) is { } current)
        {
            if (current.FromTranscript || current.Kind == SegmentKind.Sql && !IsInput(s))
            {
                // psql prints nothing at the start of a line that reads "UPDATE t ...;" (its own listings indent such
                // text): the author may have typed a statement and lost its prompt. Still output, but said.
                if (current.FromTranscript && current.Kind == SegmentKind.Sql && !char.IsWhiteSpace(raw[0]) && s.EndsWith(';')
                    && SqlText.StartsStatement(s) && !SqlText.IsCommandTag(s) && !_tableLines.Contains(index))
                    warnings.Add(new(line, $"\"{s}\" has no prompt in a pasted session: taken as printed output, not run (write the prompt before it if it is a command)"));
                current.Output.Add(here);
                return;
            }
            _output = false;
        }
        if (!_inputSeen && (_leading.Count > 0 && !IsInput(s) || SqlText.IsSurelyOutput(s) || TableFollows(index)))
        {
            _leading.Add(here);
            return;
        }
        var afterSql = _current is { Kind: SegmentKind.Sql };
        if (afterSql && (SqlText.IsCountTag(s)
                         || SqlText.LooksLikeOutput(raw) && (!SqlText.StartsStatement(s) || SqlText.IsCommandTag(s))
                         || !SqlText.StartsStatement(s) && !s.StartsWith('\\') && TableFollows(index)))
        {
            _output = true;
            _current!.Output.Add(here);
            return;
        }
        if (_lastInputPrompted && !IsInput(s))
        {
            // In a pasted session every command line carries its prompt: a line without one that reads like no command
            // ("You are now connected to database ...") is something printed, never a command to run.
            if ((_current ?? _outputOwner) is { } owner) { _output = true; owner.Output.Add(here); }
            else _notes.Add((line, $"\"{s}\" has no prompt in a pasted session and is no command: shown, not run"));
            return;
        }
        _lastInputPrompted = false;
        Input(s, raw, line, sqlByDefault, transcript: false);
    }

    private void Input(string s, string raw, int line, bool sqlByDefault, bool transcript)
    {
        _inputSeen = true;
        if (Psql.Invocation(s) is { } psql)
        {
            if (psql.RunsAsShell) { Shell(s, raw, line); return; }
            if (psql.Command is { } sql)
            {
                // psql -c connects, runs and leaves: its server and database are its own, the session's stay.
                var (server, database) = (_server, _database);
                _server = psql.Port is null && psql.Host is null ? null : context.ServerByPort(psql.Port ?? 5432) is var byPort && byPort != "main" ? byPort : null;
                if (context.FirstDatabase is null) context.Connect(_session, psql.Database, line);
                var db = psql.Database ?? "postgres";
                _database = db == (context.FirstDatabase ?? "postgres") ? null : db;
                _notes.Add((line, $"psql -c: its SQL runs in database {db}{(_server is { } srv ? $" on server {srv}" : "")}"));
                Sql(sql, line, transcript);
                _open = false;
                _outputOwner = _current;
                _output = true;
                _current = null;
                (_server, _database) = (server, database);
                return;
            }
            if (psql.Port is not null || psql.Host is not null)
            {
                _server = context.ServerByPort(psql.Port ?? 5432);
                if (_server == "main") { context.SessionServers.Remove(_session); _server = null; }
                else if (_server is not null) context.SessionServers[_session] = _server;
            }
            Connect(psql.Database, psql, line);
            context.Login(_session, psql.User, psql.Host, psql.Port);
            _notes.Add((line, $"\"{s}\" opens psql on database {psql.Database ?? "postgres"}{(_server is { } srv2 ? $" (server {srv2})" : "")}: not run"));
            return;
        }
        if (SwitchUser().IsMatch(s))
        {
            _notes.Add((line, $"\"{s}\" switches the OS user: not run (shell steps run as the server's user)"));
            return;
        }
        if (BlockShapes.EditorFile(s) is { } file)
        {
            _editor = file;
            _notes.Add((line, $"\"{s}\" opens {file} in an editor: the lines to put in it are an edit of that file"));
            return;
        }
        if (s.StartsWith('\\')) { Meta(s, line); return; }
        if (SqlText.StartsStatement(s) || s.StartsWith("--", StringComparison.Ordinal) || transcript || sqlByDefault && !Psql.KnownShellCommand(s))
        {
            Sql(transcript ? s : raw, line, transcript);
            return;
        }
        Shell(raw, raw, line);
    }

    private void Connect(string? database, Psql.Call? call, int line)
    {
        context.Connect(_session, database, line);
        _database = context.DatabaseOf(_session);
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
                    _notes.Add((line, $"prompt {name}> names session \"{session}\"; the \\set line is not run"));
                }
            }
            return;
        }
        if (Quit().IsMatch(s))
        {
            // psql ends there, and its connection with it (a later `dropdb` of its database is not held up by it). Alone
            // in a block it runs nothing: the session it ends was never opened by this block.
            if (_segments.Count > 0 && _segments[^1].Kind == SegmentKind.Sql)
            {
                var quit = Add(SegmentKind.Sql, line);
                quit.Commands.Add(s);
                quit.EndLine = line;
                _open = false;
            }
            return;
        }
        if (UnrunMetaCommands.Of(s) is { } unrun)
            warnings.Add(new(line, $"\\{unrun.Name} {unrun.Does}: LabRunner's psql does not run it, so this step cannot do what the lab says (a shell step such as `psql -f FILE`, or the SQL itself, can)"));
        var connect = Connect().Match(s);
        if (connect.Success)
        {
            var db = connect.Groups["db"].Value.Trim('"', '\'');
            context.Switch(_session, db);
            if (_segments.Count == 0)
            {
                // First thing in the block: the block runs in that database (the step says so); nothing else to run.
                _database = context.DatabaseOf(_session);
                _notes.Add((line, $"\"{s}\" is not run: the SQL after it runs in database {db}"));
                return;
            }
            // Later in a block: psql's \c moves the session there and then; kept, so it runs in order, and what follows
            // it runs in that database (a later part must not say the database the session left).
            var moving = Add(SegmentKind.Sql, line);
            moving.Commands.Add(s);
            moving.EndLine = line;
            _open = false;
            _database = context.DatabaseOf(_session);
            return;
        }
        var segment = Add(SegmentKind.Sql, line);
        segment.Commands.Add(s);
        segment.EndLine = line;
        _open = false;
    }

    private void Sql(string text, int line, bool transcript)
    {
        var segment = Add(SegmentKind.Sql, line);
        if (transcript) segment.FromTranscript = true;
        segment.Commands.Add(MachinePath(text, line));
        segment.EndLine = line;
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
            if (l.TrimStart().StartsWith('\\') || EndsWithMeta(l) || SqlText.IsComplete(string.Join("\n", pending))) pending.Clear();
        }
        return pending.All(l => l.Trim().Length == 0 || l.TrimStart().StartsWith("--", StringComparison.Ordinal));
    }

    /// <summary>"SELECT ... \gset" / "\g FILE": a meta-command ends the statement.</summary>
    private static bool EndsWithMeta(string line) => TrailingMeta().IsMatch(line);

    private void Shell(string text, string raw, int line)
    {
        var segment = Add(SegmentKind.Shell, line);
        var command = MachinePath(text, line);
        segment.Commands.Add(command);
        segment.EndLine = line;
        if (!_shellContinues && ChangeDir().Match(command.Trim()) is { Success: true } cd) context.ShellDirectory = cd.Groups["dir"].Value;
        _shellContinues = raw.TrimEnd().EndsWith('\\');
        _open = false;
    }

    /// <summary>A shell prompt's directory (postgres@curso:~/respaldos$) says where the command runs.</summary>
    private void ChangeDirectory(string dir, int line, bool fromPrompt)
    {
        if (dir is "~" or "" ) return;
        var path = dir.StartsWith('~') ? "/var/lib/postgresql" + dir[1..] : dir;
        var rewritten = MachinePaths.Apply(path, []);
        if (rewritten == context.ShellDirectory) return;
        context.ShellDirectory = rewritten;
        if (fromPrompt) _notes.Add((line, $"the prompt's directory {dir} is where the command runs"));
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
        var server = kind == SegmentKind.Sql ? _server : null;
        var login = kind == SegmentKind.Sql ? context.LoginOf(session) : null;
        if (_current is not null && _current.Kind == kind && _current.Session == session && _current.Database == database && _current.Server == server
            && Equals(_current.Login, login))
        {
            if (_output && kind == SegmentKind.Sql) _output = false;
            return _current;
        }
        _output = false;
        _outputOwner = null;
        _current = new CodeSegment(kind, session, database, line) { Server = server, Login = login, Directory = kind == SegmentKind.Shell ? context.ShellDirectory : null };
        _segments.Add(_current);
        return _current;
    }

    private string Where() => _database is null ? "the lab's database" : $"database {_database}";

    private sealed record PromptMatch(string Rest, string? Session, string? Database, bool Shell, string? Directory = null);

    /// <summary>A prompt at the start of a line: psql's (curso=&gt;, curso-&gt;), a session's (ALICE&gt;), or a shell's ($).</summary>
    private PromptMatch? Prompt(string s, bool open)
    {
        var shell = ShellPrompt().Match(s);
        if (shell.Success && !open) return new(s[shell.Length..], null, null, Shell: true, shell.Groups["dir"].Success ? shell.Groups["dir"].Value : null);
        var m = PsqlPrompt().Match(s);
        if (m.Success)
        {
            var name = m.Groups["name"].Value;
            var mark = m.Groups["mark"].Value;
            var continuation = mark is "->" or "-#" or "(>" or "(#" or "'>" or "'#" or "\">" or "*>" or "*#";
            if (continuation) return open ? new(m.Groups["rest"].Value, null, null, false) : null;
            if (!open && mark is "=>" or "=#")
            {
                // A prompt a lab set for a session (sesionA=# ) names that session; else it is psql's: the database.
                var named = context.PromptSessions.FirstOrDefault(kv => string.Equals(kv.Key.TrimEnd('=', '#', '>'), name, StringComparison.Ordinal)).Value;
                return named is not null ? new(m.Groups["rest"].Value, named, null, false) : new(m.Groups["rest"].Value, null, name, false);
            }
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

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w]*)(?<mark>=>|=#|->|-#|\(>|\(#|'>|'#|"">|\*>|\*#)\s?(?<rest>.*)$")]
    private static partial Regex PsqlPrompt();

    [GeneratedRegex(@"^(?<name>[A-Za-z_][\w-]*)>\s?(?<rest>.*)$")]
    private static partial Regex SessionPrompt();

    [GeneratedRegex(@"^(?:\$|[\w.-]+@[\w.-]+:(?<dir>[^$#\s]*)[$#])\s+")]
    private static partial Regex ShellPrompt();

    [GeneratedRegex(@"^\\set\s+PROMPT(?<n>[123])\s+(?<value>.*)$")]
    private static partial Regex SetPrompt();

    [GeneratedRegex(@"%[/~#>RxlnMmp]|%\[|%\]")]
    private static partial Regex PromptEscapes();

    [GeneratedRegex(@"^psql \(\d+(?:\.\d+)*\b.*\)$|^Type ""help"" for help\.$|^Digite «help» para obtener ayuda\.$|^SSL (?:connection|conexión) \(|^(?:WARNING|ADVERTENCIA): psql major version|^(?:WARNING|ADVERTENCIA): Console code page")]
    private static partial Regex PsqlBanner();

    [GeneratedRegex(@"^\\(?:c|connect)\s+(?<db>\S+)")]
    private static partial Regex Connect();

    [GeneratedRegex(@"^\\q\s*$")]
    private static partial Regex Quit();

    [GeneratedRegex(@"\\(?:g|gx|gset|gexec|gdesc)\b[^']*$")]
    private static partial Regex TrailingMeta();

    [GeneratedRegex(@"^cd\s+(?<dir>[^\s;&|]+)\s*$")]
    private static partial Regex ChangeDir();

    [GeneratedRegex(@"^(?:sudo\s+)?su\s*(?:-\s*|-l\s+|--login\s+)?(?:postgres)?\s*$|^sudo\s+-[iu]+\s+(?:-u\s+)?postgres\s*$|^sudo\s+-i\s+-u\s+postgres\s*$|^sudo\s+su\s+-\s+postgres\s*$|^exit\s*$")]
    private static partial Regex SwitchUser();
}
