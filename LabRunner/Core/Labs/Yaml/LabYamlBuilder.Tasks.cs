namespace LabRunner.Labs.Yaml;

internal sealed partial class LabYamlBuilder
{
    private IReadOnlyList<LabTask>? Tasks(YSequence? list)
    {
        if (list is null) return null;
        if (list.Items.Count == 0) { d.Error(list, "the lab has no tasks", "add at least one task with its steps"); return null; }
        var tasks = new List<LabTask>();
        var ids = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        foreach (var item in list.Items)
        {
            if (item is not YMapping map) { d.Error(item, "each task should be a mapping", "write \"- id: ...\" then title: and steps: under it"); continue; }
            if (Task(map, ids) is { } task) tasks.Add(task);
        }
        return tasks;
    }

    private LabTask? Task(YMapping map, Dictionary<string, YScalar> taskIds)
    {
        var f = new Fields(map, LabKeys.Task, "a task", d);
        var id = Id(f, "task", taskIds);
        var title = f.Text("title", required: true);
        var text = Markdown(f.Text("text"));
        var points = f.Number("points");
        var stepIds = new Dictionary<string, YScalar>(StringComparer.Ordinal);
        var steps = Steps(f.List("steps", required: true), stepIds, check: false);
        if (f.Get("steps") is YSequence { Items.Count: 0 } empty) d.Error(empty, "the task has no steps", "add at least one step");
        var checks = Steps(f.List("checks"), stepIds, check: true) ?? [];
        if (id is null || title is null || steps is null) return null;
        return new LabTask
        {
            Id = id,
            Title = title,
            Text = text,
            Steps = steps,
            Checks = checks,
            Points = points ?? 1,
            Location = map.Location,
        };
    }

    private List<Step>? Steps(YSequence? list, Dictionary<string, YScalar> ids, bool check)
    {
        if (list is null) return null;
        var steps = new List<Step>();
        foreach (var item in list.Items)
        {
            if (item is not YMapping map) { d.Error(item, $"each {(check ? "check" : "step")} should be a mapping", "write \"- id: ...\" then title: and sql: or shell: under it"); continue; }
            if (Step(map, ids, check) is { } step) steps.Add(step);
        }
        return steps;
    }

    private Step? Step(YMapping map, Dictionary<string, YScalar> ids, bool check)
    {
        var what = check ? "check" : "step";
        var f = new Fields(map, LabKeys.Step, $"a {what}", d);
        var id = Id(f, what, ids);
        // Checks are short graders' queries: their id is title enough.
        var title = f.Text("title", required: !check) ?? (check ? id : null);
        var text = Markdown(f.Text("text"));
        var hint = Markdown(f.Text("hint"));
        var timeout = f.Duration("timeout");
        var session = f.Scalar("session");
        var database = f.Scalar("database");
        var action = Action(f, what);
        var isShell = action is ShellAction;
        var background = f.Bool("background");
        if (session is not null && action is not SqlAction and not null) d.Error(f.KeyOf("session")!, "\"session\" applies to sql steps only", "remove it: shell steps run in their own bash process");
        else if (session is not null && !SessionName().IsMatch(session.Value)) d.Error(session, $"bad session name \"{session.Value}\"", "use letters, digits, \"_\" and \"-\", e.g. main or second");
        if (database is not null && action is not SqlAction and not null) d.Error(f.KeyOf("database")!, "\"database\" applies to sql steps only", "remove it: shell steps get PGDATABASE set to the lab's database");
        if (action is SqlAction sql) action = sql with { Session = session?.Value ?? SqlAction.MainSession, Database = database?.Value };
        var variants = Variants(f.List("variants"), action);
        var expect = f.Map("expect") is { } e ? Expect(e, isShell) : null;
        if (id is null || title is null || action is null) return null;
        return new Step
        {
            Id = id,
            Title = title,
            Text = text,
            Action = action,
            Variants = variants,
            Expect = expect,
            Hint = hint,
            Timeout = timeout,
            Background = background ?? false,
            Location = map.Location,
        };
    }

    /// <summary>Exactly one of sql / shell / file (with content) / manual, not empty.</summary>
    private StepAction? Action(Fields f, string what)
    {
        var sql = f.Scalar("sql");
        var shell = f.Scalar("shell");
        var file = f.Scalar("file");
        var content = f.Text("content");
        var manual = f.Bool("manual");
        var given = new[] { ("sql", sql is not null), ("shell", shell is not null), ("file", file is not null), ("manual", manual == true) }
            .Where(x => x.Item2).Select(x => x.Item1).ToList();
        if (content is not null && file is null)
            d.Error(f.KeyOf("content")!, "\"content\" belongs to a file step", "add \"file: NAME\" (the file to write in the lab's work folder), or remove content");
        if (given.Count > 1)
        {
            d.Error(f.KeyOf(given[1])!, $"a {what} has one of sql, shell, file or manual, not {given[0]} and {given[1]}", "keep one of them and move the other into a step of its own");
            return null;
        }
        if (manual == true) return ManualAction.Instance;
        if (file is not null)
        {
            if (string.IsNullOrWhiteSpace(file.Value)) { d.Error(file, $"empty {what}: \"file\" names no file", "write the file's name, relative to the lab's work folder"); return null; }
            if (content is null) { d.Error(f.KeyOf("file")!, "a file step needs \"content\"", "add \"content: |\" with the file's text"); return null; }
            return new FileAction(file.Value.Trim(), content);
        }
        if (sql is null && shell is null)
        {
            if (f.Has("sql") || f.Has("shell"))
                d.Error(f.KeyOf("sql") ?? f.KeyOf("shell")!, $"empty {what}: \"{(f.Has("sql") ? "sql" : "shell")}\" has nothing to run", "write the command to run, or remove the step");
            else if (manual == false)
                d.Error(f.KeyOf("manual")!, $"the {what} has nothing to run", "add \"sql:\" or \"shell:\", or write \"manual: true\" for a step the student does by hand");
            else
                d.Error(f.Node, $"the {what} has nothing to run", "add \"sql:\" (SQL run as in psql) or \"shell:\" (a bash script), or \"manual: true\" for a step done by hand");
            return null;
        }
        var node = (sql ?? shell)!;
        if (string.IsNullOrWhiteSpace(node.Value))
        {
            d.Error(f.KeyOf(sql is not null ? "sql" : "shell")!, $"empty {what}: \"{(sql is not null ? "sql" : "shell")}\" has nothing to run", "write the command to run, or remove the step");
            return null;
        }
        var command = Command(node)!;
        return sql is not null ? new SqlAction(command) : new ShellAction(command);
    }

    private IReadOnlyList<StepVariant> Variants(YSequence? list, StepAction? stepAction)
    {
        if (list is null) return [];
        var variants = new List<StepVariant>();
        foreach (var item in list.Items)
        {
            if (item is not YMapping map) { d.Error(item, "each variant should be a mapping", "write \"- versions: \\\">=15\\\"\" and sql: or shell: under it"); continue; }
            var f = new Fields(map, LabKeys.Variant, "a variant", d);
            var versions = VersionRangeOf(f.Scalar("versions", required: true));
            var action = Action(f, "variant");
            if (action is null || versions is null || stepAction is null) continue;
            if (stepAction is ManualAction or FileAction)
            {
                d.Error(map, "variants apply to sql and shell steps", "remove variants from this step");
                continue;
            }
            if (action.GetType() != stepAction.GetType())
            {
                var kind = stepAction is SqlAction ? "sql" : "shell";
                d.Error(f.KeyOf(kind == "sql" ? "shell" : "sql")!, $"a variant of a {kind} step must use \"{kind}\" too", $"write \"{kind}:\" here, or make a separate step");
                continue;
            }
            // A variant runs where its step runs: same session and database.
            if (stepAction is SqlAction stepSql) action = stepSql with { Sql = ((SqlAction)action).Sql };
            variants.Add(new StepVariant(versions, action));
        }
        return variants;
    }
}
