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
        var needs = Needs(f, id, taskIds);
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
            Points = points,
            Needs = needs,
            Location = map.Location,
        };
    }

    /// <summary>needs: [earlier-task, …]: ids of tasks before this one (the dictionary holds the ids read so far).</summary>
    private IReadOnlyList<string> Needs(Fields f, string? id, Dictionary<string, YScalar> earlier)
    {
        if (f.List("needs") is not { } list) return [];
        var needs = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is not YScalar { IsNull: false } s) { d.Error(item, "each item of \"needs\" should be a task id", "write \"- task-id\" of an earlier task"); continue; }
            if (s.Value == id) d.Error(s, $"the task needs itself (\"{s.Value}\")", "list earlier tasks only");
            else if (!earlier.ContainsKey(s.Value))
                d.Error(s, $"\"{s.Value}\" is not an earlier task", DidYouMean.Suggest(s.Value, earlier.Keys) is { } near
                    ? $"did you mean \"{near}\"? (needs lists tasks above this one)"
                    : earlier.Keys.Any(k => k != id) ? $"list tasks above this one ({string.Join(", ", earlier.Keys.Where(k => k != id))})"
                    : "this is the first task: it builds on none");
            else needs.Add(s.Value);
        }
        return needs;
    }

    /// <summary>login: { user: alumno, host: 127.0.0.1, port: 5432, password: ... }: the session logs in as that role over TCP.</summary>
    private SessionLogin? Login(YMapping map)
    {
        var f = new Fields(map, LabKeys.Login, "a login", d);
        var user = f.Text("user", required: true);
        var host = f.Text("host", required: true);
        var port = f.Integer("port");
        if (port is < 1 or > 65535) { d.Error(f.KeyOf("port")!, $"bad port {port}", "write a TCP port such as 5432"); port = null; }
        return user is null || host is null ? null : new SessionLogin(user, host, port, f.Text("password"));
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
        var server = f.Scalar("server");
        var input = f.Scalar("input");
        var login = f.Map("login") is { } loginMap ? Login(loginMap) : null;
        var action = Action(f, what);
        var isShell = action is ShellAction;
        var background = f.Bool("background");
        var points = f.Number("points");
        if (points is not null && !check) d.Error(f.KeyOf("points")!, "\"points\" applies to checks", "give the task its points (points: under the task), or move this into checks:");
        if (session is not null && action is not (SqlAction or null)) d.Error(f.KeyOf("session")!, "\"session\" applies to sql steps only", "remove it: shell steps run in their own bash process");
        else if (session is not null && !SessionName().IsMatch(session.Value)) d.Error(session, $"bad session name \"{session.Value}\"", "use letters, digits, \"_\" and \"-\", e.g. main or second");
        if (database is not null && action is not (SqlAction or null)) d.Error(f.KeyOf("database")!, "\"database\" applies to sql steps only", "remove it: shell steps get PGDATABASE set to the lab's database");
        if (input is not null && !isShell && action is not null) d.Error(f.KeyOf("input")!, "\"input\" applies to shell steps only", "remove it, or make the step a shell step");
        if (server is not null && action is EditAction or ServerAction) d.Error(f.KeyOf("server")!, "\"server\" applies to sql and shell steps", "an edit names its server in the file's path; a server step in its name");
        else if (server is not null && !ServerName().IsMatch(server.Value)) d.Error(server, $"bad server name \"{server.Value}\"", "use a Debian cluster name: letters, digits, \"_\" and \"-\", e.g. main or replica");
        if (login is not null && action is not (SqlAction or null)) d.Error(f.KeyOf("login")!, "\"login\" applies to sql steps only", "remove it: shell steps log in as their own commands say");
        if (action is SqlAction sql) action = sql with { Session = session?.Value ?? SqlAction.MainSession, Database = database?.Value, Login = login };
        if (action is ShellAction sh && input is not null) action = sh with { Input = input.Value };
        if (action is not null && server is not null) action = action with { Server = server.Value };
        var variants = Variants(f.List("variants"), action);
        var expect = f.Map("expect") is { } e ? Expect(e, isShell) : null;
        var captures = Captures(f.Map("capture"));
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
            Captures = captures,
            Points = check ? points : null,
            Location = map.Location,
        };
    }

    /// <summary>capture: {variable: column}: later steps may use {{variable}}.</summary>
    private Dictionary<string, string> Captures(YMapping? map)
    {
        var captures = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null) return captures;
        foreach (var (key, value) in map.Entries)
        {
            if (LabVariables.IsBuiltIn(key.Value)) { d.Error(key, $"variable \"{key.Value}\" is built in", "capture into another name"); continue; }
            if (!LabVariables.ValidName().IsMatch(key.Value)) { d.Error(key, $"bad variable name \"{key.Value}\"", "use lowercase letters, digits and \"_\", e.g. recovery_time"); continue; }
            if (value is not YScalar { IsNull: false } column) { d.Error(value, $"capture \"{key.Value}\" should name a column", $"write \"{key.Value}: COLUMN\" (a column of the step's result)"); continue; }
            _variables.Add(key.Value);
            captures[key.Value] = column.Value;
        }
        return captures;
    }

    /// <summary>Exactly one of sql / shell / file (with content) / manual / edit / new_server / start_server / stop_server, not empty.</summary>
    private StepAction? Action(Fields f, string what)
    {
        var others = OtherActions.Where(f.Has).ToList();
        if (others.Count > 0)
        {
            var all = CommandActions.Where(f.Has).Concat(others).ToList();
            if (all.Count > 1)
            {
                d.Error(f.KeyOf(all[1])!, $"a {what} does one thing: {string.Join(" and ", all)} together", "keep one of them and move the other into a step of its own");
                return null;
            }
            return others[0] == "edit" ? EditOf(f) : ServerActionOf(f, others[0]);
        }
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

    private static readonly string[] OtherActions = ["edit", "new_server", "start_server", "stop_server"];
    private static readonly string[] CommandActions = ["sql", "shell", "file", "manual"];

    private EditAction? EditOf(Fields step)
    {
        if (step.Map("edit") is not { } map) { d.Error(step.KeyOf("edit")!, "\"edit\" should be a mapping", "write file: (e.g. /etc/postgresql/15/main/postgresql.conf) and lines: under it"); return null; }
        var f = new Fields(map, LabKeys.Edit, "an edit", d);
        var file = f.Scalar("file", required: true);
        var lines = f.Scalar("lines", required: true);
        if (file is null || lines is null) return null;
        CheckVariables(file, builtInsOnly: false);
        if (!file.Value.StartsWith('/') && !file.Value.StartsWith("{{", StringComparison.Ordinal))
            d.Error(file, $"\"{file.Value}\" is not an absolute path", "name the file as the lab does, e.g. /etc/postgresql/15/main/pg_hba.conf");
        return new EditAction(file.Value, lines.Value.TrimEnd('\n'));
    }

    private ServerAction? ServerActionOf(Fields step, string key)
    {
        var operation = key switch { "new_server" => ServerOperation.Create, "start_server" => ServerOperation.StartOn, _ => ServerOperation.Stop };
        string? name;
        int? port = null;
        string? data = null;
        if (step.Get(key) is YScalar scalar && operation != ServerOperation.StartOn)
        {
            name = scalar.Value;
        }
        else if (step.Map(key) is { } map && operation != ServerOperation.Stop)
        {
            var f = new Fields(map, LabKeys.ServerStep, key.Replace('_', ' '), d);
            name = f.Text("name", required: true);
            port = f.Integer("port");
            if (port is < 1 or > 65535) { d.Error(f.KeyOf("port")!, $"bad port {port}", "write a TCP port such as 5433"); port = null; }
            var dataNode = f.Scalar("data_directory", required: operation == ServerOperation.StartOn);
            if (dataNode is not null) { CheckVariables(dataNode, builtInsOnly: false); data = dataNode.Value; }
            if (dataNode is not null && operation != ServerOperation.StartOn) d.Error(f.KeyOf("data_directory")!, "\"data_directory\" applies to start_server only", "use start_server to start a server on a directory the lab made");
            if (operation == ServerOperation.StartOn && data is null) return null;
        }
        else
        {
            d.Error(step.KeyOf(key)!, operation switch
            {
                ServerOperation.StartOn => "\"start_server\" should be a mapping",
                ServerOperation.Stop => "\"stop_server\" should be a server name",
                _ => "\"new_server\" should be a server name or a mapping",
            }, operation == ServerOperation.StartOn ? "write name: and data_directory: (and port: if the lab names one) under it" : "write e.g. \"" + key + ": replica\"");
            return null;
        }
        if (name is null) return null;
        if (!ServerName().IsMatch(name)) { d.Error(step.Get(key)!, $"bad server name \"{name}\"", "use a Debian cluster name: letters, digits, \"_\" and \"-\""); return null; }
        return new ServerAction(operation, name) { Port = port, DataDirectory = data };
    }

    private IReadOnlyList<LabServer> LabServers(YSequence? list)
    {
        if (list is null) return [];
        var servers = new List<LabServer>();
        foreach (var item in list.Items)
        {
            LabServer? server = null;
            if (item is YScalar { IsNull: false } name) server = new LabServer(name.Value);
            else if (item is YMapping map)
            {
                var f = new Fields(map, LabKeys.LabServer, "a server", d);
                var n = f.Text("name", required: true);
                var port = f.Integer("port");
                if (port is < 1 or > 65535) { d.Error(f.KeyOf("port")!, $"bad port {port}", "write a TCP port such as 5433"); continue; }
                if (n is not null) server = new LabServer(n) { Port = port, MadeByLab = f.Bool("made_by_lab") ?? false };
            }
            else { d.Error(item, "each server should be a name or a mapping", "write \"- replica\" or \"- name: replica\" with port: / made_by_lab: under it"); continue; }
            if (server is null) continue;
            if (!ServerName().IsMatch(server.Name) || server.Name == "main")
                d.Error(item, server.Name == "main" ? "main is always there" : $"bad server name \"{server.Name}\"", server.Name == "main" ? "list only the servers besides main" : "use a Debian cluster name: letters, digits, \"_\" and \"-\"");
            else if (servers.Any(s => s.Name == server.Name)) d.Error(item, $"server \"{server.Name}\" is listed twice", "list each server once");
            else servers.Add(server);
        }
        return servers;
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
            // A variant runs where its step runs: same server, session and database.
            if (stepAction is SqlAction stepSql) action = stepSql with { Sql = ((SqlAction)action).Sql };
            else if (stepAction is ShellAction stepShell) action = stepShell with { Script = ((ShellAction)action).Script };
            variants.Add(new StepVariant(versions, action));
        }
        return variants;
    }
}
