using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

internal sealed partial class MarkdownWalker
{
    /// <summary>Tools a shell step may need that a bare machine may lack (checked before the lab starts).</summary>
    private static readonly string[] OptionalTools = ["rsync", "tar", "gzip", "bzip2", "xz", "zstd", "lz4", "zip", "unzip", "curl", "wget", "git", "jq", "tmux", "pv", "python3", "perl"];

    private Lab Build()
    {
        var title = _title;
        if (title is null)
        {
            title = Path.GetFileNameWithoutExtension(_path);
            _warnings.Add(new(1, "no \"# Title\" heading: the lab is named after the file"));
        }
        var tasks = RealTasks();
        var waitsForAutovacuum = AutovacuumMention() is { } mention;
        var reason = waitsForAutovacuum ? $"\"autovacuum\" at line {AutovacuumMention()}" : "";
        _expected.Attach(tasks, _psql, waitsForAutovacuum, reason);
        var database = _psql.FirstDatabase ?? "postgres";
        var settings = new Dictionary<string, string>();
        if (waitsForAutovacuum)
        {
            settings["autovacuum_naptime"] = "1s";
            _warnings.Add(new(AutovacuumMention()!.Value, "the lab mentions autovacuum: the sandbox runs it every second (server.settings autovacuum_naptime: 1s) so that its effects show within the lab", IsInfo: true));
        }
        if (tasks.SelectMany(t => t.Steps).FirstOrDefault(s => s.Action is SqlAction sql && PrepareTransaction().IsMatch(sql.Sql)) is { } prepare)
        {
            // Two-phase commit is off by default (max_prepared_transactions = 0): PREPARE TRANSACTION would fail.
            settings["max_prepared_transactions"] = "10";
            _warnings.Add(new(prepare.Line, "PREPARE TRANSACTION needs prepared transactions enabled: the sandbox sets server.settings max_prepared_transactions: 10", IsInfo: true));
        }
        var versions = VersionRange.Any;
        if (_psql.AuthorVersion is { } author && tasks.Any(t => t.Steps.Any(s => s.Variants.Count > 0)))
        {
            // Commands with version variants were written for the version the author ran (the data directory's);
            // older ones are unknown ground. Without variants nothing says the lab depends on the version.
            versions = new VersionRange(author.Major, null);
            _warnings.Add(new(author.Line, $"the data directory path names PostgreSQL {author.Major}: the lab is marked for versions >={author.Major}", IsInfo: true));
        }
        if (tasks.Count == 0) _warnings.Add(new(0, MarkdownLabReader.NoTasks));
        var labTasks = tasks.Select((t, i) => BuildTask(t, i, database)).ToList();
        return new Lab
        {
            Id = LabId(),
            Title = title,
            Language = _spanish ? "es" : "en",
            Duration = _duration,
            Objectives = _objectives,
            Introduction = Joined(_introduction),
            Images = _images,
            Server = new ServerRequirements
            {
                Versions = versions,
                Database = database,
                Settings = settings,
                Tools = Tools(labTasks),
            },
            Tasks = labTasks,
            SourcePath = Path.GetFullPath(_path),
        };
    }

    /// <summary>Tasks with steps; sections the reader did not know keep their text in the introduction or the task before them.</summary>
    private List<TaskDraft> RealTasks()
    {
        var result = new List<TaskDraft>();
        foreach (var task in _tasks)
        {
            if (task.Steps.Count > 0)
            {
                if (task.FromSection) _warnings.Add(new(task.Line, $"section \"{task.Title}\" has commands: imported as a task"));
                result.Add(task);
                continue;
            }
            var text = new List<string> { $"## {task.Title}" };
            text.AddRange(task.Text);
            if (task.FromSection && text.Count == 1 && task.Text.Count == 0)
                _warnings.Add(new(task.Line, $"section \"{task.Title}\" is empty", IsInfo: true));
            else if (result.Count == 0)
            {
                _introduction.AddRange(text);
                if (!task.FromSection) _warnings.Add(new(task.Line, $"\"{task.Title}\" has no commands: its text is kept in the introduction"));
            }
            else
            {
                result[^1].Text.AddRange(text);
                _warnings.Add(new(task.Line, $"{(task.FromSection ? "section" : "task")} \"{task.Title}\" has no commands: its text is kept with \"{result[^1].Title}\""));
            }
        }
        return result;
    }

    private LabTask BuildTask(TaskDraft draft, int index, string database)
    {
        var steps = draft.Steps.Select((s, i) => new Step
        {
            Id = $"step-{i + 1}",
            Title = s.Title,
            Text = Joined([.. s.Before, .. s.Text]),
            Action = LabDatabase(s.Action!, database),
            Variants = s.Variants.Select(v => v with { Action = LabDatabase(v.Action, database) }).ToList(),
            Expect = s.Expect,
            Location = new SourceLocation(_path, s.Line, 1),
        }).ToList();
        return new LabTask
        {
            Id = $"task-{draft.Number ?? index + 1}",
            Title = draft.Title,
            Text = Joined(draft.Text),
            Steps = steps,
            Location = new SourceLocation(_path, draft.Line, 1),
        } is var task && _usedTaskIds.Add(task.Id) ? task : task with { Id = UniqueTaskId(index) };
    }

    private readonly HashSet<string> _usedTaskIds = [];

    private string UniqueTaskId(int index)
    {
        var id = $"task-{index + 1}";
        for (var n = 2; !_usedTaskIds.Add(id); n++) id = $"task-{index + 1}-{n}";
        return id;
    }

    private static StepAction LabDatabase(StepAction action, string database) =>
        action is SqlAction sql && sql.Database == database ? sql with { Database = null } : action;

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
