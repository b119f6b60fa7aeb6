using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Markdown;

internal sealed partial class MarkdownWalker
{
    /// <summary>Tools a shell step may need that a bare machine may lack (checked before the lab starts).</summary>
    private static readonly string[] OptionalTools = ["rsync", "tar", "gzip", "bzip2", "xz", "zstd", "lz4", "zip", "unzip", "curl", "wget", "git", "jq", "tmux", "pv", "python3", "perl"];

    private IReadOnlyList<ImportMapEntry> _map = [];
    private string _commands = "";

    private Lab Build()
    {
        var title = _title;
        if (title is null)
        {
            title = Path.GetFileNameWithoutExtension(_path);
            _warnings.Add(new(1, "no \"# Title\" heading: the lab is named after the file"));
        }
        var tasks = RealTasks();
        PlaceQuestions(tasks);
        _expected.Attach(tasks);
        var database = LabDatabase();
        var settings = new Dictionary<string, string>();
        var autovacuum = AutovacuumMention();
        if (autovacuum is { } mention)
        {
            settings["autovacuum_naptime"] = "1s";
            _warnings.Add(new(mention, "the lab mentions autovacuum: the sandbox runs it every second (server.settings autovacuum_naptime: 1s) so that its effects show within the lab", IsInfo: true));
        }
        var parts = tasks.SelectMany(t => t.Steps).SelectMany(s => s.Parts).ToList();
        if (_createdByLab is { } created) InCreatedDatabase(parts, created);
        if (parts.FirstOrDefault(p => p.Action is SqlAction sql && PrepareTransaction().IsMatch(sql.Sql)) is { } prepare)
        {
            // Two-phase commit is off by default (max_prepared_transactions = 0): PREPARE TRANSACTION would fail.
            settings["max_prepared_transactions"] = "10";
            _warnings.Add(new(prepare.Step.Line, "PREPARE TRANSACTION needs prepared transactions enabled: the sandbox sets server.settings max_prepared_transactions: 10", IsInfo: true));
        }
        _commands = string.Join("\n", parts.Select(p => p.Action.Command));
        var moved = false;
        foreach (var part in parts)
        {
            if (moved) _afterMove.Add(part);
            moved |= part.Action is SqlAction sql && (sql.Database is { } d && d != database || SwitchesDatabase().IsMatch(sql.Sql));
        }
        foreach (var part in parts.Where(p => p.Panel is not null && p.Action is SqlAction)) Volatility(part, autovacuum);
        var versions = VersionRange.Any;
        if (_psql.AuthorVersion is { } author && parts.Any(p => p.Variants.Count > 0))
        {
            // Commands with version variants were written for the version the author ran (the data directory's);
            // older ones are unknown ground. Without variants nothing says the lab depends on the version.
            versions = new VersionRange(author.Major, null);
            _warnings.Add(new(author.Line, $"the data directory path names PostgreSQL {author.Major}: the lab is marked for versions >={author.Major}", IsInfo: true));
        }
        if (tasks.Count == 0) _warnings.Add(new(0, MarkdownLabReader.NoTasks));
        AssignIds(tasks);
        foreach (var task in tasks)
            foreach (var step in task.Steps.Where(s => s.IsManual && s.Parts[0].Kind == "manual"))
                _warnings.Add(new(step.Line, $"\"{step.Title}\" has nothing to run: a manual step the student marks done", IsInfo: true));
        var variables = AddressPlaceholders(parts);
        var captured = CapturedPlaceholders(tasks, parts);
        Placeholders(variables.Keys.Concat(captured).ToHashSet(StringComparer.Ordinal));
        Passwords(parts);
        var labTasks = tasks.Select(t => BuildTask(t, database)).ToList();
        _map = MapEntries(tasks, database);
        return new Lab
        {
            Id = LabId(),
            Title = title,
            Language = _spanish ? "es" : "en",
            Duration = _duration,
            Objectives = _objectives,
            Introduction = Joined(_introduction),
            Help = Joined(_help),
            Images = _images,
            Server = new ServerRequirements
            {
                Versions = versions,
                Database = database,
                Settings = settings,
                Tools = Tools(labTasks),
                Servers = _state.Servers.Keys.Where(n => n != "main").Select(n => new LabServer(n)
                {
                    Port = _psql.ServersByPort.FirstOrDefault(kv => kv.Value == n) is { Value: not null } p ? p.Key : null,
                    MadeByLab = _state.MadeByLab.Contains(n),
                }).ToList(),
            },
            Tasks = labTasks,
            Variables = variables,
            SourcePath = Path.GetFullPath(_path),
        };
    }

    /// <summary>
    /// The database of the lab's first connection; never one the lab creates itself (the sandbox would already have it,
    /// and the lab's CREATE DATABASE would fail).
    /// </summary>
    private string LabDatabase()
    {
        var database = _psql.FirstDatabase ?? "postgres";
        if (database == "postgres") return database;
        var created = new Regex($@"\bCREATE\s+DATABASE\s+""?{Regex.Escape(database)}""?(?:\s|;|$)|\bcreatedb\b[^\n|;&]*\s{Regex.Escape(database)}\s*$", RegexOptions.IgnoreCase | RegexOptions.Multiline);
        if (!created.IsMatch(_source)) return database;
        _warnings.Add(new(_psql.FirstDatabaseLine ?? 0, $"the lab creates database {database} itself: it runs in postgres until then"));
        _createdByLab = database;
        return "postgres";
    }

    /// <summary>The lab's first database when the lab creates it itself (the lab's database is then postgres).</summary>
    private string? _createdByLab;

    /// <summary>
    /// SQL read as running in the lab's first database (`createdb shop` then `psql shop`) runs in that database from
    /// where the lab connects to it on, not in postgres: the lab's database became postgres only because the sandbox
    /// must not have shop before the lab creates it.
    /// </summary>
    private void InCreatedDatabase(List<PartDraft> parts, string created)
    {
        var from = _psql.FirstDatabaseLine ?? 0;
        foreach (var part in parts)
            if (part.Line >= from && part.Action is SqlAction { Database: null, Server: null or "main" } sql)
                part.Action = sql with { Database = created };
    }

    /// <summary>Tasks with steps; sections the reader did not know keep their text in the introduction or the task before them.</summary>
    private List<TaskDraft> RealTasks()
    {
        var result = new List<TaskDraft>();
        foreach (var task in _tasks)
        {
            if (task.Steps.Count > 0)
            {
                if (task.FromSection && task.Steps.Any(s => !s.IsManual)) _warnings.Add(new(task.Line, $"section \"{task.Title}\" has commands: imported as a task"));
                if (task.FromSection && task.Steps.All(s => s.IsManual) && task.Steps.All(s => s.Number is null)) { Fold(task, result); continue; }
                result.Add(task);
                continue;
            }
            Fold(task, result);
        }
        return result;
    }

    private void Fold(TaskDraft task, List<TaskDraft> result)
    {
        var text = new List<string> { $"## {task.Title}" };
        text.AddRange(task.Text);
        text.AddRange(task.Steps.SelectMany(s => s.Parts).SelectMany(p => p.Text));
        if (task.FromSection && text.Count == 1)
            _warnings.Add(new(task.Line, $"section \"{task.Title}\" is empty", IsInfo: true));
        else if (result.Count == 0)
        {
            _introduction.AddRange(text);
            if (!task.FromSection) _warnings.Add(new(task.Line, $"\"{task.Title}\" has no steps: its text is kept in the introduction"));
        }
        else
        {
            result[^1].Text.AddRange(text);
            _warnings.Add(new(task.Line, $"{(task.FromSection ? "section" : "task")} \"{task.Title}\" has no steps: its text is kept with \"{result[^1].Title}\""));
        }
        _state.Record(new MapDraft(task.Line, task.Line, MapElement.Text, task.FromSection ? "section" : "task", "no steps: its text is kept with the lab's text"));
    }

    private static void AssignIds(List<TaskDraft> tasks)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            var id = $"task-{(task.Label is { } l ? LabIds.Slug(l, (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)) : (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}";
            if (!used.Add(id))
            {
                id = $"task-{i + 1}";
                for (var n = 2; !used.Add(id); n++) id = $"task-{i + 1}-{n}";
            }
            task.Id = id;
            for (var k = 0; k < task.Steps.Count; k++)
            {
                var step = task.Steps[k];
                step.Id = $"step-{k + 1}";
                for (var p = 0; p < step.Parts.Count; p++)
                    step.Parts[p].Id = step.Parts.Count == 1 ? step.Id : $"{step.Id}-{p + 1}";
            }
        }
    }

    private LabTask BuildTask(TaskDraft draft, string database) => new()
    {
        Id = draft.Id,
        Title = draft.Title,
        Text = Joined(draft.Text),
        Steps = draft.Steps.SelectMany(s => s.Parts.Select((p, k) => BuildStep(s, p, k, database))).ToList(),
        Location = new SourceLocation(_path, draft.Line, 1),
    };

    private Step BuildStep(StepDraft step, PartDraft part, int index, string database) => new()
    {
        Id = part.Id,
        Title = step.Parts.Count == 1 ? step.Title : $"{step.Title} ({index + 1}/{step.Parts.Count})",
        Text = Joined(part.Text),
        Action = LabDatabase(part.Action, database, _afterMove.Contains(part)),
        Variants = part.Variants.Select(v => v with { Action = LabDatabase(v.Action, database, _afterMove.Contains(part)) }).ToList(),
        Expect = Expectation(part),
        Background = part.Background,
        Captures = part.Captures,
        Location = new SourceLocation(_path, step.Line, 1),
    };

    private Expectation? Expectation(PartDraft part)
    {
        if (!part.HasExpectation) return null;
        var location = new SourceLocation(_path, part.PanelLine ?? part.ProseLine ?? part.Line, 1);
        if (part.Action is ShellAction)
            return new Expectation { OutputContains = part.ShellOutput, Prose = part.Prose, Location = location };
        // Only where nothing else is compared (a panel says more): a command tag or a row count the sentence names.
        var said = part.Panel is null && part.ErrorState is null ? part.Prose : null;
        var tag = said is null ? null : ProseTags.TagOf(said);
        return new Expectation
        {
            Panel = part.Panel ?? tag,
            Matchers = part.Matchers,
            Eventually = part.Eventually,
            ErrorSqlState = part.ErrorState,
            RowCount = said is null || tag is not null ? null : ProseCounts.RowsOf(said, part.Action),
            Prose = part.Prose,
            Location = location,
        };
    }

    /// <summary>
    /// A step with no database runs wherever its session is. That is the lab's database until a session moves (`\c
    /// otra`, a step in another database); from then on a step the reader placed in the lab's database must say so,
    /// or it would run in the database the session moved to ("\c postgres" then DROP DATABASE ventas).
    /// </summary>
    private static StepAction LabDatabase(StepAction action, string database, bool afterMove) => action switch
    {
        SqlAction sql when afterMove && sql.Server is null or "main" => sql with { Database = sql.Database ?? database },
        SqlAction sql when sql.Database == database => sql with { Database = null },
        _ => action,
    };

    /// <summary>The parts that come after a session first left the lab's database (see <see cref="LabDatabase(StepAction, string, bool)"/>).</summary>
    private readonly HashSet<PartDraft> _afterMove = [];

    [GeneratedRegex(@"^\s*\\(?:c|connect)\s+\S", RegexOptions.Multiline)]
    private static partial Regex SwitchesDatabase();

    /// <summary>
    /// Values of a pasted panel that cannot come out the same twice are matched by shape: the author's now() timestamps
    /// (any timestamp the lab's own SQL does not write), LSNs, pids, transaction ids; and columns the query computes from
    /// pids (pg_blocking_pids). Panels of read-only queries on statistics views are retried until they hold.
    /// </summary>
    private void Volatility(PartDraft part, int? autovacuum)
    {
        var sql = ((SqlAction)part.Action).Sql;
        List<ExpectedTable> tables;
        try { tables = ExpectedPanel.Parse(part.Panel!).Tables.ToList(); }
        catch (Exception e) when (e is not OutOfMemoryException) { return; }
        foreach (var table in tables.Where(t => PlanTimings.Applies(sql, t) && !part.Matchers.ContainsKey(PlanTimings.Column)))
        {
            part.Matchers[PlanTimings.Column] = PlanTimings.Matcher(table);
            _warnings.Add(new(part.PanelLine ?? part.Line, "EXPLAIN ANALYZE shows times (and estimates from a sampled ANALYZE) that differ on every run: each QUERY PLAN line is matched with its times, costs and estimated rows as any number", IsInfo: true));
        }
        foreach (var table in tables)
            for (var c = 0; c < table.Columns.Count; c++)
            {
                var column = table.Columns[c];
                var cells = table.Rows.Select(r => c < r.Count ? r[c] : null).OfType<string>().Where(v => v.Trim().Length > 0).ToList();
                ValueShape? shape = cells.Select(v => ValueShapes.Volatile(column, v)).FirstOrDefault(s => s is not null);
                // A timestamp the lab's own commands write is data ('2024-03-02 12:00:00'); any other is the author's clock.
                if (shape is null && cells.Any(v => ValueShapes.Fits(ValueShape.Timestamp, v.Trim()) && !_commands.Contains(v.Trim()[..Math.Min(16, v.Trim().Length)], StringComparison.Ordinal)))
                    shape = ValueShape.Timestamp;
                if (shape is null && PidColumn(sql, column) && cells.Any(v => PidList().IsMatch(v.Trim()))) shape = ValueShape.PidList;
                if (shape is not { } found || part.Matchers.ContainsKey(column)) continue;
                part.Matchers[column] = new Matcher.Shape(found);
                _warnings.Add(new(part.PanelLine ?? part.Line, $"column {column} shows {ValueShapes.Describe(found)} that differs on every run: matched by its shape", IsInfo: true));
            }
        if (ReadOnly(sql) && (ReplicationView().IsMatch(sql) || part.Server is { } server && server != "main" && Replicates().IsMatch(_commands)))
        {
            // Replication applies changes a moment later (the initial table copy, the standby's replay, the walsender's state).
            part.Eventually = new Eventually(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(1));
            _warnings.Add(new(part.PanelLine ?? part.Line, "replication shows changes a moment later: this panel is checked with \"eventually\" (retried every 1s for up to 30s)", IsInfo: true));
        }
        else if (StatisticsView().IsMatch(sql) && ReadOnly(sql))
        {
            var within = autovacuum is not null ? TimeSpan.FromMinutes(3) : TimeSpan.FromSeconds(30);
            part.Eventually = new Eventually(within, TimeSpan.FromSeconds(2));
            _warnings.Add(new(part.PanelLine ?? part.Line, autovacuum is { } line
                ? $"the lab waits for autovacuum (\"autovacuum\" at line {line}): this panel is checked with \"eventually\" (retried every 2s for up to 3m)"
                : "statistics views are updated with a delay: this panel is checked with \"eventually\" (retried every 2s for up to 30s)", IsInfo: true));
        }
    }

    /// <summary>A column the query computes from backend pids (pg_blocking_pids(pid) AS bloqueado_por).</summary>
    private static bool PidColumn(string sql, string column) =>
        Regex.IsMatch(sql, $@"pg_blocking_pids\s*\([^)]*\)\s*(?:AS\s+)?""?{Regex.Escape(column)}""?(?!\w)", RegexOptions.IgnoreCase)
        || column.Equals("pg_blocking_pids", StringComparison.OrdinalIgnoreCase);

    private static bool ReadOnly(string sql) =>
        SqlText.NormalisedStatements(sql).All(s => s.StartsWith("select", StringComparison.Ordinal) || s.StartsWith("show", StringComparison.Ordinal) || s.StartsWith("table", StringComparison.Ordinal) || s.StartsWith('\\'));

    /// <summary>
    /// A placeholder for a server's address ([ip_servidor], &lt;IP_SECUNDARIO&gt;) in a command: the lab's servers answer
    /// on the sandbox's loopback, so it becomes a lab variable ({{ip_servidor}}) worth 127.0.0.1.
    /// </summary>
    private Dictionary<string, string> AddressPlaceholders(List<PartDraft> parts)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in parts.Where(p => p.Action is SqlAction or ShellAction))
        {
            var command = part.Action.Command;
            foreach (var (placeholder, _) in BlockShapes.Placeholders(command).ToList())
            {
                var name = Regex.Replace(placeholder.Trim('[', ']', '<', '>').ToLowerInvariant(), "[^a-z0-9_]", "_");
                if (!AddressWord().IsMatch(name)) continue;
                if (variables.TryAdd(name, "127.0.0.1"))
                    _warnings.Add(new(part.Line, $"{placeholder} is a server's address the student fills in: the lab's servers answer on 127.0.0.1, so it is the lab variable {{{{{name}}}}} (127.0.0.1)", IsInfo: true));
                command = command.Replace(placeholder, "{{" + name + "}}", StringComparison.Ordinal);
            }
            if (command != part.Action.Command) part.Action = part.Action.WithCommand(command);
        }
        return variables;
    }

    /// <summary>Placeholders the student replaces by hand (&lt;TIME_FROM_TASK_3&gt;): said where they are.</summary>
    private void Placeholders(HashSet<string> resolved)
    {
        var lines = _source.Split('\n');
        var seen = new HashSet<int>();
        foreach (var entry in _state.Map.Where(m => m.Element is MapElement.Code))
            for (var l = entry.Line; l <= Math.Min(entry.EndLine, lines.Length); l++)
                foreach (var (placeholder, _) in BlockShapes.Placeholders(lines[l - 1]))
                    if (!resolved.Contains(Regex.Replace(placeholder.Trim('[', ']', '<', '>').ToLowerInvariant(), "[^a-z0-9_]", "_")) && seen.Add(l))
                        _warnings.Add(new(l, $"{placeholder} is a placeholder the student replaces by hand: LabRunner runs the line as written"));
    }

    private static IReadOnlyList<string> Tools(IEnumerable<LabTask> tasks)
    {
        var scripts = tasks.SelectMany(t => t.Steps).SelectMany(s => new[] { s.Action }.Concat(s.Variants.Select(v => v.Action))).OfType<ShellAction>();
        var used = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var script in scripts)
            foreach (var tool in OptionalTools)
                if (Regex.IsMatch(script.Script, $@"(?<![\w/.-]){Regex.Escape(tool)}(?![\w.-])")) used.Add(tool);
        return used.ToList();
    }

    [GeneratedRegex(@"\bPREPARE\s+TRANSACTION\b", RegexOptions.IgnoreCase)]
    private static partial Regex PrepareTransaction();

    [GeneratedRegex(@"\bpg_stat(?:io)?_(?:user|all|sys|xact_user|xact_all)_(?:tables|indexes)\b|\bpg_statio_", RegexOptions.IgnoreCase)]
    private static partial Regex StatisticsView();

    [GeneratedRegex(@"\bpg_(?:stat_replication|replication_slots|stat_subscription|stat_wal_receiver)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ReplicationView();

    /// <summary>The lab replicates into another server: a subscription, or a standby made with pg_basebackup.</summary>
    [GeneratedRegex(@"\bCREATE\s+SUBSCRIPTION\b|\bpg_basebackup\b[^\n]*\s-R\b|\bprimary_conninfo\b", RegexOptions.IgnoreCase)]
    private static partial Regex Replicates();

    [GeneratedRegex(@"^\{[1-9]\d*(?:,[1-9]\d*)*\}$")]
    private static partial Regex PidList();

    [GeneratedRegex(@"(?:^|_)(?:ip|host|hostname|servidor|server|direccion|address|primario|primary|secundario|secondary|publicador|publisher)(?:_|$)")]
    private static partial Regex AddressWord();

    private int? AutovacuumMention()
    {
        var index = _source.IndexOf("autovacuum", StringComparison.OrdinalIgnoreCase);
        return index < 0 ? null : _source[..index].Count(c => c == '\n') + 1;
    }

    private string LabId()
    {
        var name = Path.GetFileNameWithoutExtension(_path);
        if (name.ToLowerInvariant() is "lab" or "readme" or "index" or "")
            name = Path.GetFileName(Path.GetDirectoryName(Path.GetFullPath(_path))) ?? name;
        return LabIds.Slug(name, "lab");
    }

    private static string? Joined(List<string> parts)
    {
        var text = string.Join("\n\n", parts.Select(p => p.Trim('\n')).Where(p => p.Trim().Length > 0));
        return text.Length == 0 ? null : text;
    }
}
