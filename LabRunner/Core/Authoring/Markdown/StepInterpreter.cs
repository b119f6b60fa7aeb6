using System.Text.RegularExpressions;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Turns one step's blocks, in order, into the parts it runs: each code block is read by content (commands, output,
/// config lines, a file to save, text), runs in the session the prose names for it ("Sesión B:", "En la terminal 2",
/// "en cada una"), and output goes to the part it belongs to: the statement before it, the session a label names
/// ("Resultado esperado (sesión A):", "Terminal 2 shows:"), or, at the top of a block, a statement of an earlier step
/// that was waiting (its completion).
/// </summary>
internal sealed partial class StepInterpreter
{
    private readonly ReaderState _s;
    private readonly StepDraft _step;
    private readonly List<string> _text = [];
    private readonly List<ProseItem> _trailing = [];
    private readonly List<CodeItem> _sqlItems;
    private readonly List<SessionNames.Mention> _stepMentions;
    private readonly bool _each;
    private List<SessionNames.Mention> _mentions = [];
    private Headings.ResultIntro? _label;
    private (IReadOnlyList<SessionNames.Mention> Mentions, bool All)? _intro;
    private (string File, int Line)? _fileToSave;
    private bool _lastWasCommands;
    private string? _lastSession;
    private bool _sessionNamed;
    private bool _seenCode;
    /// <summary>Output written before the command it shows, waiting for that command (see <see cref="OutputFirst"/>).</summary>
    private (string Text, int Line, int EndLine, string? Session)? _outputFirst;

    private StepInterpreter(ReaderState state, StepDraft step)
    {
        _s = state;
        _step = step;
        var leading = string.Join("\n", new[] { step.Description }.Concat(step.Items.TakeWhile(i => i is not CodeItem).OfType<ProseItem>()
            .Where(p => Headings.ResultLabel(p.Markdown) is null).Select(p => p.Plain)));
        _stepMentions = state.Names.In(leading, state.Session);
        _each = SessionNames.InEach(leading);
        _sqlItems = step.Items.OfType<CodeItem>().Where(LooksLikeSql).ToList();
        if (step.Description.Length > 0) _text.Add(step.Description);
        InlinePsql(step.Description);
        _mentions = state.Names.In(StepTitles.Plain(step.Description), state.Session);
        if (BlockShapes.FileToSave(step.Description) is { } file) _fileToSave = (file, step.Line);
    }

    public static void Interpret(ReaderState state, StepDraft step)
    {
        var reader = new StepInterpreter(state, step);
        foreach (var item in step.Items)
        {
            if (item is ProseItem p) reader.Prose(p);
            else if (item is CodeItem c) reader.Code(c);
        }
        reader.Finish();
    }

    private void Prose(ProseItem p)
    {
        if (Headings.ResultLabel(p.Plain) is { } intro && p.Block is not Table)
        {
            if (intro.Rest.Length == 0) _label = intro;
            else if (IntroducesNext(intro.Rest))
            {
                // "Resultado esperado: algo parecido a esto (el tps depende de su máquina):" the words are for the
                // student; the block after them is the result.
                _label = intro;
                _text.Add(p.Markdown);
            }
            else InlineResult(intro, p);
            return;
        }
        if (_label is not null && p.Block is QuoteBlock && QuotedOutput(p.Markdown) is { } quoted)
        {
            // "> CREATE EXTENSION" after a result label: psql's output, quoted instead of fenced.
            var aside = _s.Names.First(_label.Aside);
            _label = null;
            AttachOutput(quoted, p.Line, EndOf(p), aside, all: false);
            return;
        }
        var isTable = p.Block is Table;
        var isImage = ImageOnly().IsMatch(p.Markdown.Trim());
        if (_label is not null || (isTable || isImage) && LastRunnable() is { HasExpectation: false })
        {
            var aside = _label is { } l ? _s.Names.First(l.Aside) : null;
            _label = null;
            AttachProse(p.Markdown, p.Line, p.Line + p.Markdown.Count(c => c == '\n'), aside);
            return;
        }
        if (BlockShapes.FileToSave(p.Plain) is { } file) _fileToSave = (file, p.Line);
        InlinePsql(p.Markdown);
        var mentions = _s.Names.In(p.Plain, _s.Session);
        _mentions.AddRange(mentions);
        _intro = p.Plain.TrimEnd().EndsWith(':') ? (mentions, SessionNames.InEach(p.Plain)) : null;
        if (_seenCode) _trailing.Add(p);
        _text.Add(p.Markdown);
    }

    private void Code(CodeItem c)
    {
        _trailing.Clear();
        _seenCode = true;
        var label = _label;
        var intro = _intro;
        var mentions = _mentions;
        _label = null;
        _intro = null;
        _mentions = [];
        if (_fileToSave is { } save && !CodeBlockAnalyser.IsOutputLabel(c.Info))
        {
            _fileToSave = null;
            SaveFile(c, save.File);
            return;
        }
        var session = ChooseSession(c, mentions);
        var hints = new BlockHints(session)
        {
            IntroducedAsOutput = label is not null,
            AfterCommands = _lastWasCommands,
            EditorFile = _s.EditorFile,
        };
        var rawText = string.Join("\n", c.Lines.Select(l => l.Text));
        var analysis = new CodeBlockAnalyser(_s.Psql, _s.Warnings).Analyse(c.Lines, c.Info, hints);
        foreach (var (line, note) in analysis.Notes) _s.Warnings.Add(new(line, note, IsInfo: true));
        _lastWasCommands = analysis.Role == BlockRole.Commands;
        switch (analysis.Role)
        {
            case BlockRole.Empty:
                Map(c, MapElement.Code, "empty", "empty code block: ignored");
                break;
            case BlockRole.Diagram or BlockRole.PseudoCode or BlockRole.Syntax or BlockRole.Text:
                var what = analysis.Role switch
                {
                    BlockRole.Diagram => "diagram",
                    BlockRole.PseudoCode => "pseudo-code",
                    BlockRole.Syntax => "syntax",
                    _ => "text",
                };
                _text.Add(c.Markdown);
                Map(c, MapElement.Text, what, $"{Describe(analysis.Role)}: shown as text, never run");
                _s.Warnings.Add(new(c.Line, $"{Describe(analysis.Role)}: shown with the step as text, not run", IsInfo: true));
                break;
            case BlockRole.Output:
                {
                    if (label is { } said && Varies().IsMatch(Headings.Plain($"{said.Aside} {said.Rest}")) && LastRunnable() is { Action: ShellAction, HasExpectation: false } program
                        && ProseKinds.Of(analysis.Output!) != ProseKind.Meter)
                    {
                        // "Resultado esperado (los tiempos cambian en cada equipo):" over a program's report (pgbench,
                        // pg_basebackup -P): the lab itself says it will not be the same; shown, not compared.
                        SetProse(program, c.Markdown, c.Line, c.EndLine, "a program's output the lab says varies");
                        break;
                    }
                    var aside = label is { } l ? _s.Names.First(l.Aside) : null;
                    var target = aside ?? (intro is { Mentions.Count: > 0 } i ? i.Mentions[0].Session : mentions.FirstOrDefault()?.Session);
                    var all = intro is { All: true } || label is { } l2 && SessionNames.InEach(l2.Aside);
                    if (!all && OutputFirst(c, target))
                    {
                        _outputFirst = (analysis.Output!, c.Line, c.EndLine, target);
                        break;
                    }
                    if (!all && NothingHereYet(target) && CommandsFollow(c, target) && _s.LastPartBySession.GetValueOrDefault(target ?? _s.Session) is { } waiting)
                        _s.Warnings.Add(new(c.Line, $"output before this step's command: taken as the completion of \"{waiting.Step.Title}\", which may still be waiting; if it is the result of the command after it, write it after that command"));
                    AttachOutput(analysis.Output!, c.Line, c.EndLine, target, all);
                    break;
                }
            case BlockRole.Config:
                EditConfig(c, analysis.EditorFile ?? _s.EditorFile);
                break;
            case BlockRole.OpensOnly:
                if (analysis.EditorFile is not null) _s.EditorFile = analysis.EditorFile;
                _text.Add(c.Markdown);
                Map(c, MapElement.Code, analysis.EditorFile is not null ? "editor" : "opens psql",
                    analysis.EditorFile is { } f ? $"opens {f} in an editor (not run)" : string.Join("; ", analysis.Notes.Select(n => n.Note)) is { Length: > 0 } n ? n : "nothing to run");
                break;
            default:
                Commands(c, analysis, session, rawText, mentions);
                if (_outputFirst is { } first) ResultOfNext(first, c);
                break;
        }
    }

    /// <summary>
    /// Output that comes before any command of its session in the step ("la salida debe ser: … La consulta es: …"), when
    /// no earlier statement can be waiting for it (nothing ran in another session since), and the step has commands after
    /// it: it is the result of those commands, not of an earlier step.
    /// </summary>
    private bool OutputFirst(CodeItem c, string? session)
    {
        if (!NothingHereYet(session)) return false;
        var earlier = _s.LastPartBySession.GetValueOrDefault(session ?? _s.Session);
        if (earlier is not null && _s.Parts.Skip(_s.Parts.IndexOf(earlier) + 1).Any(p => p.Session != earlier.Session)) return false;
        return CommandsFollow(c, session);
    }

    /// <summary>The step has run nothing yet (in that session, when one is named).</summary>
    private bool NothingHereYet(string? session) =>
        (session is null ? LastRunnable() : _step.Parts.LastOrDefault(p => p.Session == session)) is null;

    /// <summary>A block after <paramref name="c"/> in the step holds commands.</summary>
    private bool CommandsFollow(CodeItem c, string? session) =>
        _step.Items.SkipWhile(i => i != c).Skip(1).OfType<CodeItem>().Any(next =>
            new CodeBlockAnalyser(_s.Psql.Copy(), []).Analyse(next.Lines, next.Info, new BlockHints(session ?? _s.Session)).Role == BlockRole.Commands);

    private void ResultOfNext((string Text, int Line, int EndLine, string? Session) output, CodeItem c)
    {
        var part = _step.Parts.LastOrDefault(p => p.Line >= c.Line && (output.Session is null || p.Session == output.Session))
                   ?? _step.Parts.LastOrDefault(p => p.Line >= c.Line);
        if (part is null) return;
        _outputFirst = null;
        _s.Warnings.Add(new(output.Line, $"output written before the command it shows: taken as the expected result of the command at line {c.Line}, the next in \"{_step.Title}\""));
        ResultTargets.Output(_s, part, output.Text, output.Line, output.EndLine, completion: false);
    }

    private void Commands(CodeItem c, BlockAnalysis analysis, string session, string rawText, List<SessionNames.Mention> mentions)
    {
        if (analysis.LeadingText is { } leading)
        {
            var who = analysis.Segments.FirstOrDefault(s => s.Kind == SegmentKind.Sql)?.Session ?? session;
            var first = analysis.Leading.First(l => l.Text.Trim().Length > 0).Line;
            var last = analysis.Leading.Last(l => l.Text.Trim().Length > 0).Line;
            AttachOutput(leading, first, last, who, all: false, completion: true);
        }
        var kinds = new List<string>();
        var server = ShellServer(rawText);
        var blockParts = new List<PartDraft>();
        foreach (var segment in analysis.Segments)
        {
            var part = segment.Kind == SegmentKind.Sql ? SqlPart(segment) : ShellPart(segment, server);
            if (!blockParts.Contains(part)) blockParts.Add(part);
            var kind = segment.Kind == SegmentKind.Shell ? (segment.FromTranscript && segment.OutputText is not null ? "transcript" : "shell") : "sql";
            if (!kinds.Contains(kind)) kinds.Add(kind);
            if (segment.OutputText is { } output)
            {
                if (segment.Kind == SegmentKind.Shell) part.Kind = "transcript";
                ResultTargets.Output(_s, part, output, segment.OutputLine ?? segment.Line, segment.OutputEndLine ?? segment.Line, completion: false,
                    runs: Runs(segment.Output));
            }
        }
        // "En cada una", "in session 1 and then in session 2": the same SQL in every session the step names.
        // "Ejecute en las dos" / "run it in both" with no session named: every session the lab named.
        var each = _stepMentions.Count > 1 ? _stepMentions.Select(m => m.Session).ToList()
            : _stepMentions.Count == 0 && _s.Names.Declared.Count > 1 ? _s.Names.Declared.ToList() : [];
        if (_each && each.Count > 1 && _sqlItems.Count == 1 && blockParts.All(p => p.Action is SqlAction) && !analysis.Prompted && blockParts.Count == 1)
        {
            var original = blockParts[0];
            foreach (var other in each.Where(n => n != original.Session))
            {
                var sql = (SqlAction)original.Action;
                var copy = NewPart(sql with { Session = other, Database = _s.Psql.DatabaseOf(other), Login = _s.Psql.LoginOf(other) }, original.Line);
                copy.Kind = "sql";
                _s.LastPartBySession[other] = copy;
                blockParts.Add(copy);
            }
        }
        var sessions = blockParts.Select(p => p.Session).OfType<string>().Distinct().ToList();
        Map(c, MapElement.Code, kinds.Count == 1 ? kinds[0] : "mixed", $"{string.Join(" and ", kinds)}{(sessions.Count > 0 && _s.Names.Declared.Count + _s.Psql.PromptSessions.Count > 0 ? $" in session {string.Join(", ", sessions)}" : "")}",
            blockParts.LastOrDefault());
        _lastSession = blockParts.LastOrDefault(p => p.Session is not null)?.Session ?? _lastSession;
    }

    private PartDraft SqlPart(CodeSegment segment)
    {
        var action = new SqlAction(segment.Command, segment.Session) { Database = segment.Database, Login = segment.Login };
        var previous = _step.Parts.LastOrDefault();
        // One statement run after another in the same session and database is one part, unless the first already shows its output.
        if (previous is { Action: SqlAction p } && p.Session == action.Session && p.Database == action.Database && previous.Server == segment.Server
            && Equals(p.Login, action.Login)
            && !previous.HasExpectation && !previous.Background)
        {
            previous.Action = p with { Sql = p.Sql + "\n" + action.Sql };
            previous.Text.AddRange(_text);
            _text.Clear();
            AddVariants(previous, segment.Line);
            _s.LastPartBySession[action.Session] = previous;
            return previous;
        }
        var part = NewPart(action, segment.Line);
        part.Kind = "sql";
        part.Server = segment.Server;
        if (segment.Server is { } server && server != "main") OnServer(part, server, segment.Line);
        AddVariants(part, segment.Line);
        _s.LastPartBySession[action.Session] = part;
        return part;
    }

    private PartDraft ShellPart(CodeSegment segment, string? server)
    {
        var script = segment.Command;
        if (segment.Directory is { } dir && !script.TrimStart().StartsWith("cd ", StringComparison.Ordinal))
        {
            script = $"cd {dir} && {script}";
            _s.Warnings.Add(new(segment.Line, $"runs in {dir}, where the lab's terminal is (`cd` or the prompt said so): `cd {dir} &&` added", IsInfo: true));
        }
        var previous = _step.Parts.LastOrDefault();
        if (previous is { Action: ShellAction p } && !previous.HasExpectation && previous.Server == server)
        {
            previous.Action = p with { Script = p.Script + "\n" + script };
            previous.Text.AddRange(_text);
            _text.Clear();
            return previous;
        }
        var part = NewPart(new ShellAction(script), segment.Line);
        part.Kind = "shell";
        part.Server = server;
        if (server is not null && server != "main") OnServer(part, server, segment.Line);
        return part;
    }

    private void AddVariants(PartDraft part, int line)
    {
        if (!BackupApiVariants.Applies(part.Action.Command) || part.Variants.Count > 0) return;
        part.Variants.Add(new StepVariant(BackupApiVariants.From15, part.Action.WithCommand(BackupApiVariants.Rewrite(part.Action.Command))));
        _s.Warnings.Add(new(line, "pg_start_backup/pg_stop_backup do not exist on PostgreSQL 15+: added a variant for >=15 using pg_backup_start/pg_backup_stop", IsInfo: true));
    }

    private PartDraft NewPart(StepAction action, int line)
    {
        var part = new PartDraft(action, line) { Step = _step };
        part.Text.AddRange(_text);
        _text.Clear();
        _step.Parts.Add(part);
        _s.Parts.Add(part);
        return part;
    }

    private void SaveFile(CodeItem c, string file)
    {
        var path = MachinePaths.Apply(file, []);
        var content = CodeSegment.Dedent(c.Lines.Select(l => l.Text).ToList());
        var part = NewPart(new FileAction(path, content), c.Line);
        part.Kind = "file";
        Map(c, MapElement.Code, "file", $"written to {path} in the lab's work folder; not run", part);
    }

    private void EditConfig(CodeItem c, string? file)
    {
        _s.EditorFile = null;
        var lines = CodeSegment.Dedent(c.Lines.Select(l => l.Text).ToList());
        if (file is null)
        {
            _text.Add(c.Markdown);
            var manual = NewPart(ManualAction.Instance, c.Line);
            manual.Kind = "config-edit";
            Map(c, MapElement.Code, "config-edit", "configuration lines with no file named before them: shown, never run", manual);
            _s.Warnings.Add(new(c.Line, "configuration lines with no file named before them: kept as a manual step (an edit of postgresql.conf or pg_hba.conf?)"));
            return;
        }
        var part = NewPart(new EditAction(file, lines), c.Line);
        part.Kind = "config-edit";
        if (ConfigServer().Match(file) is { Success: true } m && m.Groups["name"].Value != "main")
        {
            part.Server = m.Groups["name"].Value;
            _s.Servers.TryAdd(part.Server, c.Line);
        }
        Map(c, MapElement.Code, "config-edit", $"lines for {file}: an edit of that file (applied by check, opened in an editor in the TUI), never run as a command", part);
    }

    private void OnServer(PartDraft part, string server, int line)
    {
        _s.Servers.TryAdd(server, line);
        part.Action = part.Action with { Server = server };
    }

    /// <summary>Shell commands that act on one of the lab's servers (pg_ctlcluster 15 replica, its data directory, its service).</summary>
    private string? ShellServer(string raw)
    {
        var created = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match m in CreateCluster().Matches(raw))
        {
            var name = m.Groups["name"].Value;
            created.Add(name);
            var port = _s.Psql.AddServer(name);
            if (_s.Servers.TryAdd(name, _step.Line))
                _s.Warnings.Add(new(_step.Line, $"pg_createcluster makes server {name} (port {port}): the sandbox makes it when the step runs", IsInfo: true));
            _s.MadeByLab.Add(name);
        }
        foreach (Match m in ClusterReference().Matches(raw))
        {
            var name = m.Groups["name"].Value;
            if (name != "main" && !created.Contains(name) && _s.Psql.ServersByPort.ContainsValue(name)) return name;
        }
        return null;
    }

    private void AttachOutput(string text, int line, int endLine, string? session, bool all, bool completion = false)
    {
        var targets = new List<PartDraft>();
        if (all) targets.AddRange(_step.Parts.Where(p => p.Action is SqlAction));
        else if (session is not null && !completion)
            targets.Add(_step.Parts.LastOrDefault(p => p.Session == session) ?? _s.LastPartBySession.GetValueOrDefault(session)!);
        else if (completion && session is not null)
            targets.Add(_s.LastPartBySession.GetValueOrDefault(session)!);
        else targets.Add(LastRunnable() ?? _s.LastPartBySession.GetValueOrDefault(_s.Session)!);
        targets.RemoveAll(t => t is null);
        if (targets.Count == 0)
        {
            _s.Warnings.Add(new(line, "output with no command before it: kept as text"));
            _text.Add(text);
            _s.Record(new MapDraft(line, endLine, MapElement.Text, "output", "output with no command before it: shown as text") { Task = _step.Task, Step = _step });
            return;
        }
        foreach (var target in targets) ApplyOutput(target, text, line, endLine, completion || target.Step != _step);
    }

    private void ApplyOutput(PartDraft target, string text, int line, int endLine, bool completion) =>
        ResultTargets.Output(_s, target, text, line, endLine, completion && target.Step != _step);

    private void InlineResult(Headings.ResultIntro intro, ProseItem p)
    {
        var aside = _s.Names.First(intro.Aside);
        var code = InlineCode().Matches(intro.Rest).Select(m => m.Groups[1].Value).ToList();
        if (code.Count == 1 && (SqlText.IsSurelyOutput(code[0]) || SqlText.IsCommandTag(code[0])) && InlineCode().Replace(intro.Rest, "").Trim(' ', '.').Length == 0)
        {
            AttachOutput(code[0], p.Line, EndOf(p), aside, all: false);
            return;
        }
        AttachProse(intro.Rest, p.Line, EndOf(p), aside, p.Markdown);
    }

    private void AttachProse(string markdown, int line, int endLine, string? session, string? shown = null)
    {
        var target = session is not null ? _step.Parts.LastOrDefault(p => p.Session == session) ?? LastRunnable() : LastRunnable();
        if (target is null)
        {
            _text.Add(shown ?? markdown);
            _s.Warnings.Add(new(line, "expected result with no command before it in the step: kept as text"));
            _s.Record(new MapDraft(line, endLine, MapElement.Text, "prose", "expected result with no command before it: shown as text") { Task = _step.Task, Step = _step });
            return;
        }
        SetProse(target, markdown, line, endLine, null);
    }

    private void SetProse(PartDraft target, string markdown, int line, int endLine, string? why) =>
        ResultTargets.Prose(_s, target, markdown, line, endLine, why);

    private void Finish()
    {
        // A sentence right after the last block that says what happens ("La sesión A queda bloqueada...") is the expected result.
        if (LastRunnable() is { HasExpectation: false } last && _trailing.FirstOrDefault() is { } sentence
            && Outcome().IsMatch(Headings.Plain(sentence.Plain))
            && _s.Names.First(BeforeUntil(sentence.Plain)) is var named && (named is null || named == last.Session))
        {
            _text.Remove(sentence.Markdown);
            SetProse(last, sentence.Markdown, sentence.Line, sentence.Line, null);
        }
        // "Ponga norte primero y repita la consulta. Deberías ver 3 filas." before the step's only command: its result.
        if (_step.Parts.Count(p => p.Action is SqlAction or ShellAction) == 1 && LastRunnable() is { HasExpectation: false } only
            && LeadingExpectation() is { } said)
            SetProse(only, said.Sentence, said.Line, said.Line, null);
        if (_outputFirst is { } unplaced)
        {
            _outputFirst = null;
            AttachOutput(unplaced.Text, unplaced.Line, unplaced.EndLine, unplaced.Session, all: false);
        }
        if (_fileToSave is { } pending)
            _s.Warnings.Add(new(pending.Line, $"asks to save {pending.File} but no code block follows: nothing written"));
        if (_label is not null)
            _s.Warnings.Add(new(_step.Line, "a result label with nothing after it in the step: ignored", IsInfo: true));
        if (_step.Parts.Count == 0)
        {
            var manual = NewPart(ManualAction.Instance, _step.Line);
            manual.Kind = "manual";
        }
        else if (_text.Count > 0) _step.Parts[^1].Text.AddRange(_text);
        _text.Clear();
        if (_step.Parts.LastOrDefault(p => p.Action is SqlAction) is { } lastSql) _s.CurrentSession = lastSql.Session;
        else if (_step.Parts.Any(p => p.Action is ShellAction) && _stepMentions.FirstOrDefault(m => !m.Vague) is { } terminal)
            _s.CurrentSession = terminal.Session; // "En la Terminal 2 crear el cluster": the next psql in that terminal is its session
    }

    /// <summary>
    /// A sentence's words before "until" / "hasta": the session that waits is named there; the one named after it
    /// releases the wait ("the command hangs until you unlock in the left pane").
    /// </summary>
    private static string BeforeUntil(string sentence) => Until().Split(sentence, 2)[0];

    [GeneratedRegex(@"\b(?i:until|till|hasta)\b")]
    private static partial Regex Until();

    /// <summary>
    /// A sentence of the step's words before its first block that says what the student will see ("Deberías ver 3
    /// filas.", "You should see two rows."), with its line. Only the phrases that announce a result: "devuelve" or
    /// "waits" in a step's opening words usually describe the command, not its outcome.
    /// </summary>
    private (string Sentence, int Line)? LeadingExpectation()
    {
        var leading = new List<(string Text, int Line)> { (_step.Description, _step.Line) };
        leading.AddRange(_step.Items.TakeWhile(i => i is not CodeItem).OfType<ProseItem>().Where(p => p.Block is not Table).Select(p => (p.Markdown, p.Line)));
        foreach (var (text, line) in leading)
        {
            var offset = 0;
            foreach (var sentence in SentenceEnd().Split(text))
            {
                var at = text.IndexOf(sentence, offset, StringComparison.Ordinal);
                offset = Math.Max(offset, at);
                if (Announces().IsMatch(Headings.Plain(sentence)))
                    return (sentence.Trim(), line + text[..Math.Max(0, at)].Count(ch => ch == '\n'));
            }
        }
        return null;
    }

    /// <summary>The session a block runs in when its lines carry no prompt (see the class comment).</summary>
    private string ChooseSession(CodeItem c, List<SessionNames.Mention> mentions)
    {
        var k = _sqlItems.IndexOf(c);
        SessionNames.Mention? chosen = null;
        if (k > 0 && mentions.Count > 0) chosen = mentions[0];
        else if (k >= 0 && _stepMentions.Count > 0)
            chosen = _stepMentions.Count > 1 && _sqlItems.Count > 1 ? _stepMentions[Math.Min(k, _stepMentions.Count - 1)] : k == 0 ? _stepMentions[0] : null;
        else if (k < 0 && mentions.Count > 0) chosen = mentions[0];
        if (chosen is not null)
        {
            _sessionNamed = true;
            if (chosen.Vague && k >= 0)
            {
                if (_s.Vague is null || _s.Vague.Value.Session != chosen.Session)
                {
                    _s.Vague = (chosen.Session, _step.Line, _s.Session);
                    _s.Warnings.Add(new(_step.Line, $"the text suggests another terminal but does not say which blocks run there: they run in a new session \"{chosen.Session}\" (a guess; name the session in the text, e.g. \"En la sesión B:\")"));
                }
            }
            return chosen.Session;
        }
        if (k > 0 && _lastSession is not null) return _lastSession;
        if (k >= 0 && !_sessionNamed && _s.Vague is { } vague && _s.Session == vague.Session)
        {
            _s.Vague = null;
            _s.CurrentSession = vague.Before;
            _s.Warnings.Add(new(_step.Line, $"names no session after the other terminal of line {vague.Line}: runs in session \"{vague.Before}\", the one it came from (a guess; name the session in the text)"));
        }
        return _s.Session;
    }

    /// <summary>The stretches of consecutive output lines (the output after each prompted statement), by Markdown line.</summary>
    private static List<(int Line, int EndLine)> Runs(IReadOnlyList<CodeLine> output)
    {
        var runs = new List<(int, int)>();
        foreach (var line in output.Where(l => l.Text.Trim().Length > 0).Select(l => l.Line))
        {
            if (runs.Count > 0 && line - runs[^1].Item2 <= 2 && !output.Any(o => o.Line > runs[^1].Item2 && o.Line < line && o.Text.Trim().Length > 0)
                && Enumerable.Range(runs[^1].Item2 + 1, Math.Max(0, line - runs[^1].Item2 - 1)).All(l => output.Any(o => o.Line == l)))
                runs[^1] = (runs[^1].Item1, line);
            else runs.Add((line, line));
        }
        return runs;
    }

    /// <summary>Words after a result label that end with ':' and quote no result: they introduce the block after them.</summary>
    private static bool IntroducesNext(string rest) =>
        rest.TrimEnd().TrimEnd('*', '_').EndsWith(':') && !InlineCode().Matches(rest).Any(m => SqlText.IsSurelyOutput(m.Groups[1].Value) || SqlText.IsCommandTag(m.Groups[1].Value));

    /// <summary>A blockquote whose every line is psql output (command tags, a table): that output, without the '>' marks.</summary>
    private static string? QuotedOutput(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => QuoteMark().Replace(l, "")).ToList();
        return Markdown.QuotedOutput.IsPrinted(lines) ? string.Join("\n", lines).Trim('\n') : null;
    }

    private static int EndOf(ProseItem p) => p.Line + p.Markdown.TrimEnd().Count(ch => ch == '\n');

    private PartDraft? LastRunnable() => _step.Parts.LastOrDefault(p => p.Action is SqlAction or ShellAction);

    private void InlinePsql(string markdown) => ProseConnections.Apply(_s, markdown, _step.Line);

    private void Map(CodeItem c, MapElement element, string kind, string note, PartDraft? part = null) =>
        _s.Record(new MapDraft(c.Line, c.EndLine, element, kind, note) { Task = _step.Task, Step = _step, Part = part });

    private static bool LooksLikeSql(CodeItem c) =>
        c.Lines.Any(l => l.Text.Trim() is var t && t.Length > 0 && (SqlText.StartsStatement(t) && !SqlText.IsCommandTag(t) || t.StartsWith('\\') && !t.StartsWith("\\set PROMPT", StringComparison.Ordinal) && t != "\\q"))
        && !BlockShapes.IsDiagram(c.Lines.Select(l => l.Text).ToList()) && !BlockShapes.IsPseudoCode(c.Lines.Select(l => l.Text).ToList());

    private static string Describe(BlockRole role) => role switch
    {
        BlockRole.Diagram => "an ASCII diagram",
        BlockRole.PseudoCode => "pseudo-code",
        BlockRole.Syntax => "a command's syntax",
        _ => "a block with neither commands nor output",
    };

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"^\s*>\s?")]
    private static partial Regex QuoteMark();

    [GeneratedRegex(@"^!\[[^\]]*\]\([^)]*\)$")]
    private static partial Regex ImageOnly();

    [GeneratedRegex($@"\b(?:queda (?:bloquead|esperando)|se queda|espera a|hangs|waits|is waiting|blocks|deberias ver|deberia verse|veras|debe aparecer|debe mostrar|you should see|should see|you will see|aparece|must show|se muestra|returns|devuelve|prints nothing|shows nothing|no output|nothing is printed|no muestra nada|no imprime nada|debe(?:n)? (?:responder|decir|imprimir)|deberia(?:n)? (?:responder|decir)|responde con|should (?:respond|print|say)|prints|{Change})")]
    private static partial Regex Outcome();

    /// <summary>A value said to change from an earlier step's ("checkpoints_req should have gone up by one"): a result.</summary>
    private const string Change = @"should (?:now )?(?:have )?(?:gone up|go up|gone down|go down|increased|increase|decreased|decrease|grown|changed)|deberia(?:n)? haber (?:aumentado|subido|bajado|disminuido|cambiado)";

    [GeneratedRegex(@"\b(?:cambia|varia|parecid|similar|depende|distint|aproximad|will differ|may differ|differ|vary|varies|something like|approximately)")]
    private static partial Regex Varies();

    [GeneratedRegex(@"(?<=[.!?])\s+")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex($@"\b(?:deberias? ver|deberia(?:n)? (?:aparecer|verse|devolver|mostrar)|veras|debe(?:n)? (?:aparecer|devolver|mostrar)|you should see|should (?:return|show|print|see)|you will see|expect to see|{Change})\b")]
    private static partial Regex Announces();

    [GeneratedRegex(@"^/etc/postgresql/\d+(?:\.\d+)?/(?<name>[A-Za-z_][\w-]*)/")]
    private static partial Regex ConfigServer();

    [GeneratedRegex(@"\bpg_createcluster\s+(?:-\S+\s+)*\d+(?:\.\d+)?\s+(?<name>[A-Za-z_][\w-]*)")]
    private static partial Regex CreateCluster();

    [GeneratedRegex(@"(?:\bpg_ctlcluster\s+\d+(?:\.\d+)?\s+|\bpg_dropcluster\s+(?:-\S+\s+)*\d+(?:\.\d+)?\s+|/var/lib/postgresql/\d+(?:\.\d+)?/|/etc/postgresql/\d+(?:\.\d+)?/|postgresql@\d+(?:\.\d+)?-)(?<name>[A-Za-z_][\w-]*)")]
    private static partial Regex ClusterReference();
}
