using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using LabRunner.Labs;

namespace LabRunner.Authoring;

/// <summary>
/// Writes a <see cref="Lab"/> as lab YAML in the agreed format (Labs/lab.schema.json): keys in the documented order,
/// multi-line text as literal blocks (|) so commands and Markdown read as written, defaults left out.
/// </summary>
public static partial class LabYamlWriter
{
    public const string SchemaComment = "yaml-language-server: $schema=../lab.schema.json";

    public static string Write(Lab lab, IEnumerable<string>? headerComments = null)
    {
        var text = new StringWriter { NewLine = "\n" };
        var e = new Emitter(text, new EmitterSettings(bestIndent: 2, bestWidth: int.MaxValue, isCanonical: false, maxSimpleKeyLength: 1024));
        e.Emit(new StreamStart());
        e.Emit(new DocumentStart());
        e.Emit(new Comment(SchemaComment, false));
        foreach (var comment in headerComments ?? []) e.Emit(new Comment(comment, false));
        var w = new Writer(e);
        w.Map(() =>
        {
            w.Pair("id", lab.Id);
            w.Pair("title", lab.Title);
            w.Pair("language", lab.Language);
            w.Pair("duration", lab.Duration);
            if (lab.Objectives.Count > 0) w.List("objectives", lab.Objectives, w.Text);
            w.Pair("introduction", lab.Introduction);
            w.Pair("help", lab.Help);
            if (lab.Images.Count > 0)
                w.List("images", lab.Images, image => w.Map(() =>
                {
                    w.Pair("path", image.Path);
                    w.Pair("alt", image.Alt);
                    if (image.External) w.Bool("external", true);
                }));
            Server(w, lab.Server);
            if (lab.Variables.Count > 0)
                w.Key("variables", () => w.Map(() => { foreach (var (k, v) in lab.Variables) w.Pair(k, v); }));
            if (lab.Feedback != FeedbackLevel.Differences) w.Pair("feedback", lab.Feedback == FeedbackLevel.Summary ? "summary" : "expected-values");
            w.List("tasks", lab.Tasks, task => Task(w, task));
        });
        e.Emit(new DocumentEnd(true));
        e.Emit(new StreamEnd());
        return text.ToString();
    }

    private static void Server(Writer w, ServerRequirements server)
    {
        w.Key("server", () => w.Map(() =>
        {
            if (server.Versions != VersionRange.Any) w.Pair("versions", server.Versions.ToString());
            w.Pair("database", server.Database);
            if (server.Settings.Count > 0)
                w.Key("settings", () => w.Map(() => { foreach (var (k, v) in server.Settings) w.Pair(k, v); }));
            if (server.WalArchive is { } archive) w.Pair("wal_archive", archive);
            if (server.Tools.Count > 0) w.FlowList("tools", server.Tools);
            if (server.Servers.Count > 0)
                w.List("servers", server.Servers, s => w.Map(() =>
                {
                    w.Pair("name", s.Name);
                    if (s.Port is { } port) w.Number("port", port);
                    if (s.MadeByLab) w.Bool("made_by_lab", true);
                }));
            w.Pair("setup", server.Setup);
            w.Pair("teardown", server.Teardown);
        }));
    }

    private static void Task(Writer w, LabTask task) => w.Map(() =>
    {
        w.Pair("id", task.Id);
        w.Pair("title", task.Title);
        w.Pair("text", task.Text);
        if (task.Points is { } points) w.Number("points", points);
        if (task.Needs.Count > 0) w.List("needs", task.Needs, w.Text);
        w.List("steps", task.Steps, step => Step(w, step));
        if (task.Checks.Count > 0) w.List("checks", task.Checks, step => Step(w, step));
    });

    private static void Step(Writer w, Step step) => w.Map(() =>
    {
        w.Pair("id", step.Id);
        w.Pair("title", step.Title);
        w.Pair("text", step.Text);
        Action(w, step.Action);
        w.Pair("server", step.Action.Server);
        if (step.Action is ShellAction { Input: { } input }) w.Pair("input", input);
        if (step.Action is SqlAction sql)
        {
            if (sql.Session != SqlAction.MainSession) w.Pair("session", sql.Session);
            w.Pair("database", sql.Database);
            if (sql.Login is { } login)
                w.Key("login", () => w.Map(() =>
                {
                    w.Pair("user", login.User);
                    w.Pair("host", login.Host);
                    if (login.Port is { } port) w.Number("port", port);
                    w.Pair("password", login.Password);
                }));
        }
        if (step.Variants.Count > 0)
            w.List("variants", step.Variants, variant => w.Map(() =>
            {
                w.Pair("versions", variant.Versions.ToString());
                Action(w, variant.Action);
            }));
        w.Pair("hint", step.Hint);
        if (step.Timeout is { } timeout) w.Pair("timeout", Duration(timeout));
        if (step.Background) w.Bool("background", true);
        if (step.Captures.Count > 0)
            w.Key("capture", () => w.Map(() => { foreach (var (k, v) in step.Captures) w.Pair(k, v); }));
        if (step.Points is { } points) w.Number("points", points);
        if (step.Expect is { } expect) w.Key("expect", () => Expect(w, expect));
    });

    private static void Action(Writer w, StepAction action)
    {
        switch (action)
        {
            case SqlAction sql: w.Pair("sql", sql.Sql); break;
            case ShellAction shell: w.Pair("shell", shell.Script); break;
            case EditAction edit: w.Key("edit", () => w.Map(() => { w.Pair("file", edit.File); w.Pair("lines", edit.Lines); })); break;
            case ServerAction { Operation: ServerOperation.Stop } stop: w.Pair("stop_server", stop.Name); break;
            case ServerAction server:
                w.Key(server.Operation == ServerOperation.Create ? "new_server" : "start_server", () => w.Map(() =>
                {
                    w.Pair("name", server.Name);
                    if (server.Port is { } port) w.Number("port", port);
                    w.Pair("data_directory", server.DataDirectory);
                }));
                break;
            case FileAction file:
                w.Pair("file", file.Path);
                w.Pair("content", file.Content);
                break;
            case ManualAction: w.Bool("manual", true); break;
        }
    }

    private static void Expect(Writer w, Expectation x) => w.Map(() =>
    {
        w.Pair("panel", x.Panel);
        if (x.Columns is { } columns) w.FlowList("columns", columns);
        if (x.Rows is { } rows)
            w.List("rows", rows, row => w.Flow(row));
        if (x.Matchers.Count > 0)
            w.Key("match", () => w.Map(() =>
            {
                foreach (var (column, matcher) in x.Matchers) w.Key(column, () => WriteMatcher(w, matcher));
            }));
        if (x.Ordered is { } ordered) w.Bool("ordered", ordered);
        if (x.SubsetOfColumns) w.Bool("subset", true);
        if (x.Eventually is { } ev)
            w.Key("eventually", () => w.FlowMap(("within", Duration(ev.Within)), ("every", Duration(ev.Every))));
        if (x.Watch is { } watch)
            w.Key("watch", () => w.Map(() =>
            {
                w.List("series", watch.Series, w.Text);
                w.Pair("marker", watch.Marker);
                w.Pair("threshold", watch.Threshold);
            }));
        w.Pair("error", x.ErrorSqlState);
        if (x.ExitCode is { } code) w.Number("exit_code", code);
        w.Pair("output_contains", x.OutputContains);
        w.Pair("output_matches", x.OutputMatches);
        if (x.RowCount is { } count) w.Number("row_count", count);
        w.Pair("prose", x.Prose);
    });

    private static void WriteMatcher(Writer w, Matcher m)
    {
        switch (m)
        {
            case Matcher.Exact: w.Text("exact"); break;
            case Matcher.Any: w.Text("any"); break;
            case Matcher.NotNull: w.Text("not_null"); break;
            case Matcher.Null: w.Text("null"); break;
            case Matcher.Shape s: w.Text(Snake(s.Kind.ToString())); break;
            case Matcher.Regex r: w.FlowMap(("regex", r.Pattern)); break;
            case Matcher.Tolerance t:
                w.FlowMap(("tolerance", t.Percent ? $"{t.Amount.ToString(CultureInfo.InvariantCulture)}%" : t.Amount.ToString(CultureInfo.InvariantCulture)));
                break;
        }
    }

    private static string Snake(string pascal) => Regex.Replace(pascal, "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant();

    /// <summary>The shortest way to write a duration: 500ms, 30s, 2m, 1h.</summary>
    internal static string Duration(TimeSpan d) =>
        d.TotalMilliseconds % 1000 != 0 ? $"{d.TotalMilliseconds:0}ms"
        : d.TotalSeconds % 60 != 0 ? $"{d.TotalSeconds:0}s"
        : d.TotalMinutes % 60 != 0 ? $"{d.TotalMinutes:0}m"
        : $"{d.TotalHours:0}h";

    /// <summary>Event helpers over the emitter; text that YAML would read as something else is quoted.</summary>
    private sealed partial class Writer(IEmitter e)
    {
        public void Map(Action body)
        {
            e.Emit(new MappingStart(null, null, true, MappingStyle.Block));
            body();
            e.Emit(new MappingEnd());
        }

        public void FlowMap(params (string Key, string Value)[] pairs)
        {
            e.Emit(new MappingStart(null, null, true, MappingStyle.Flow));
            foreach (var (k, v) in pairs) { Text(k); Text(v); }
            e.Emit(new MappingEnd());
        }

        public void Key(string key, Action value) { Text(key); value(); }

        public void Pair(string key, string? value)
        {
            if (value is null) return;
            Text(key);
            Text(value);
        }

        public void Number(string key, double value)
        {
            Text(key);
            e.Emit(new Scalar(null, null, value.ToString(CultureInfo.InvariantCulture), ScalarStyle.Plain, true, false));
        }

        public void Bool(string key, bool value)
        {
            Text(key);
            e.Emit(new Scalar(null, null, value ? "true" : "false", ScalarStyle.Plain, true, false));
        }

        public void List<T>(string key, IEnumerable<T> items, Action<T> item)
        {
            Text(key);
            e.Emit(new SequenceStart(null, null, true, SequenceStyle.Block));
            foreach (var i in items) item(i);
            e.Emit(new SequenceEnd());
        }

        public void FlowList(string key, IEnumerable<string> items) { Text(key); Flow(items); }

        public void Flow(IEnumerable<string?> items)
        {
            e.Emit(new SequenceStart(null, null, true, SequenceStyle.Flow));
            foreach (var i in items)
            {
                if (i is null) e.Emit(new Scalar(null, null, "null", ScalarStyle.Plain, true, false));
                else Text(i);
            }
            e.Emit(new SequenceEnd());
        }

        public void Text(string value)
        {
            if (value.Contains('\n'))
            {
                // Literal blocks cannot keep spaces at line ends; the author's words are kept, their trailing blanks are not.
                var lines = value.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd());
                var block = string.Join("\n", lines).TrimEnd('\n') + "\n";
                e.Emit(new Scalar(null, null, block, ScalarStyle.Literal, true, true));
                return;
            }
            var style = value.Trim() != value || value.Length == 0 || NotText().IsMatch(value) ? ScalarStyle.DoubleQuoted : ScalarStyle.Any;
            e.Emit(new Scalar(null, null, value, style, style == ScalarStyle.Any, style != ScalarStyle.Any));
        }

        // Plain scalars YAML 1.1/1.2 would read as null, booleans or numbers.
        [GeneratedRegex(@"^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|[-+]?(?:\d[\d_]*)?\.?\d+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")]
        private static partial Regex NotText();
    }
}
