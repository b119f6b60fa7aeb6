using System.Text.RegularExpressions;

namespace LabRunner.Labs.Yaml;

/// <summary>Turns the YAML tree of a lab file into a <see cref="Lab"/>, reporting every problem on the way.</summary>
internal sealed partial class LabYamlBuilder(SourceText source, DiagnosticBag d)
{
    private readonly HashSet<string> _variables = new(StringComparer.Ordinal);
    private string LabDirectory => Path.GetDirectoryName(Path.GetFullPath(source.File)) ?? ".";

    public Lab? Build(YNode? root)
    {
        if (root is null)
        {
            if (!d.HasErrors) d.Error(source.At(1, 1), "the lab file is empty", "start with id:, title: and tasks: (see Labs/AUTHORING.md)");
            return null;
        }
        if (root is not YMapping map)
        {
            d.Error(root, $"a lab file must be a mapping of keys, not {root.KindName}", "start with id:, title: and tasks: (see Labs/AUTHORING.md)");
            return null;
        }
        var f = new Fields(map, LabKeys.Lab, "the lab", d);
        var id = Id(f, "lab");
        var title = f.Text("title", required: true);
        var language = f.Scalar("language");
        if (language is not null && !LanguageShape().IsMatch(language.Value))
            d.Error(language, $"bad language \"{language.Value}\"", "write a language code such as es, en or pt-BR");
        var duration = f.Text("duration");
        var objectives = TextList(f, "objectives");
        var introduction = Markdown(f.Text("introduction"));
        var help = Markdown(f.Text("help"));
        var images = Images(f.List("images"));
        var variables = Variables(f.Map("variables"));
        var server = Server(f.Map("server"));
        var tasks = Tasks(f.List("tasks", required: true));
        var feedback = Feedback(f.Scalar("feedback"));
        if (d.HasErrors || id is null || title is null || tasks is null) return null;
        return new Lab
        {
            Id = id,
            Title = title,
            Language = language?.Value ?? "en",
            Duration = duration,
            Objectives = objectives,
            Introduction = introduction,
            Help = help,
            Images = images,
            Server = server,
            Variables = variables,
            Tasks = tasks,
            Feedback = feedback,
            SourcePath = Path.GetFullPath(source.File),
        };
    }

    private FeedbackLevel Feedback(YScalar? node)
    {
        switch (node?.Value)
        {
            case null: return FeedbackLevel.Differences;
            case "summary": return FeedbackLevel.Summary;
            case "differences": return FeedbackLevel.Differences;
            case "expected-values": return FeedbackLevel.ExpectedValues;
            default:
                d.Error(node, $"bad feedback \"{node.Value}\"", "write summary (passed or not, points), differences (also what differs, without expected values) or expected-values (also the expected values)");
                return FeedbackLevel.Differences;
        }
    }

    private string? Id(Fields f, string what, Dictionary<string, YScalar>? seen = null)
    {
        var node = f.Scalar("id", required: true);
        if (node is null) return null;
        if (!LabIds.IsValid(node.Value))
        {
            d.Error(node, $"bad {what} id \"{node.Value}\"", $"{LabIds.Rule}, e.g. \"{LabIds.Slug(node.Value)}\"");
            return null;
        }
        if (seen is not null)
        {
            if (seen.TryGetValue(node.Value, out var first))
                d.Error(node, $"duplicate {what} id \"{node.Value}\" (first at line {first.Location.Line})", $"give each {what} its own id");
            else seen[node.Value] = node;
        }
        return node.Value;
    }

    private IReadOnlyList<string> TextList(Fields f, string key)
    {
        var list = f.List(key);
        if (list is null) return [];
        var items = new List<string>();
        foreach (var item in list.Items)
        {
            if (item is YScalar { IsNull: false } s) items.Add(s.Value);
            else d.Error(item, $"each item of \"{key}\" should be text", "write \"- some text\"");
        }
        return items;
    }

    private static string? Markdown(string? text) => text?.TrimEnd('\n', '\r');

    private IReadOnlyList<LabImage> Images(YSequence? list)
    {
        if (list is null) return [];
        var images = new List<LabImage>();
        foreach (var item in list.Items)
        {
            if (item is not YMapping map) { d.Error(item, "each image should be a mapping", "write \"- path: images/diagram.png\" and \"alt: ...\""); continue; }
            var f = new Fields(map, LabKeys.Image, "an image", d);
            var path = f.Scalar("path", required: true);
            var alt = f.Text("alt");
            var external = f.Bool("external") ?? false;
            if (path is null) continue;
            if (!external && !File.Exists(Path.Combine(LabDirectory, path.Value)))
                d.Warning(path, $"image \"{path.Value}\" not found", "add the file next to the lab, fix the path (relative to the lab file), or mark it \"external: true\"");
            images.Add(new LabImage(path.Value, alt) { External = external });
        }
        return images;
    }

    private IReadOnlyDictionary<string, string> Variables(YMapping? map)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null) return variables;
        foreach (var (key, value) in map.Entries)
        {
            if (LabVariables.IsBuiltIn(key.Value)) { d.Error(key, $"variable \"{key.Value}\" is built in", "choose another name (built-in variables are set by LabRunner)"); continue; }
            if (!LabVariables.ValidName().IsMatch(key.Value)) { d.Error(key, $"bad variable name \"{key.Value}\"", "use lowercase letters, digits and \"_\", e.g. backup_dir"); continue; }
            _variables.Add(key.Value);
            if (value is not YScalar { IsNull: false } text) { d.Error(value, $"variable \"{key.Value}\" should have a text value", $"write \"{key.Value}: value\""); continue; }
            CheckVariables(text, builtInsOnly: true);
            variables[key.Value] = text.Value;
        }
        return variables;
    }

    private ServerRequirements Server(YMapping? map)
    {
        if (map is null) return new ServerRequirements();
        var f = new Fields(map, LabKeys.Server, "server", d);
        var versions = VersionRangeOf(f.Scalar("versions"));
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        if (f.Map("settings") is { } settingsMap)
            foreach (var (key, value) in settingsMap.Entries)
            {
                if (!SettingName().IsMatch(key.Value)) d.Error(key, $"bad setting name \"{key.Value}\"", "write a postgresql.conf parameter such as autovacuum_naptime");
                else if (value is not YScalar { IsNull: false } v) d.Error(value, $"setting \"{key.Value}\" should have a value", $"write e.g. \"{key.Value}: 1s\"");
                else
                {
                    CheckSettingVariables(v);
                    settings[key.Value] = v.Value;
                }
            }
        var walArchive = WalArchive(f.Scalar("wal_archive"), settings);
        var tools = TextList(f, "tools");
        var servers = LabServers(f.List("servers"));
        var setup = Command(f.Scalar("setup"));
        var teardown = Command(f.Scalar("teardown"));
        return new ServerRequirements
        {
            Versions = versions ?? VersionRange.Any,
            Database = f.Text("database") ?? new ServerRequirements().Database,
            Settings = settings,
            WalArchive = walArchive,
            Tools = tools,
            Servers = servers,
            Setup = setup,
            Teardown = teardown,
        };
    }

    private VersionRange? VersionRangeOf(YScalar? node)
    {
        if (node is null) return null;
        if (VersionRange.TryParse(node.Value, out var range)) return range;
        d.Error(node, $"bad version range \"{node.Value}\"", "write \"14\", \">=15\", \"<=14\", \"14-16\" or \"*\"");
        return null;
    }

    /// <summary>A command's text (sql, shell, setup): its variables checked, its final line break dropped.</summary>
    private string? Command(YScalar? node)
    {
        if (node is null) return null;
        CheckVariables(node, builtInsOnly: false);
        return node.Value.TrimEnd('\n', '\r');
    }

    private void CheckVariables(YScalar node, bool builtInsOnly)
    {
        var raw = source.Text[node.StartIndex..Math.Max(node.StartIndex, node.EndIndex)];
        foreach (Match m in LabVariables.Reference().Matches(raw))
        {
            var name = m.Groups["name"].Value;
            if (LabVariables.IsBuiltIn(name) || (!builtInsOnly && _variables.Contains(name))) continue;
            var at = source.At(node.StartIndex + m.Index);
            if (builtInsOnly && _variables.Contains(name))
            {
                d.Error(at, $"variable values may use only built-in variables, not \"{{{{{name}}}}}\"", $"write the value out, or use a built-in: {BuiltInList}");
                continue;
            }
            var known = builtInsOnly ? LabVariables.BuiltIn : LabVariables.BuiltIn.Concat(_variables);
            var suggestion = DidYouMean.Suggest(name, known);
            d.Error(at, $"unknown variable \"{{{{{name}}}}}\"",
                suggestion is not null ? $"did you mean \"{{{{{suggestion}}}}}\"?" : $"define it under \"variables:\" or use a built-in: {BuiltInList}");
        }
    }

    /// <summary>A setting is written before the server starts: of the variables, only {{workdir}} is known then.</summary>
    private string? WalArchive(YScalar? node, Dictionary<string, string> settings)
    {
        if (node is null) return null;
        if (!WalArchiveFolder().IsMatch(node.Value) || node.Value.Split('/').Contains(".."))
        {
            d.Error(node, $"wal_archive \"{node.Value}\" should be a folder under {{{{workdir}}}}", "write e.g. \"{{workdir}}/archivo_wal\" (letters, digits, \"_\", \"-\", \".\" and \"/\")");
            return null;
        }
        foreach (var owned in new[] { "archive_mode", "archive_command" })
            if (settings.ContainsKey(owned))
                d.Error(node, $"wal_archive sets {owned} itself, and settings sets it too", $"remove {owned} from settings");
        return node.Value;
    }

    private void CheckSettingVariables(YScalar node)
    {
        var raw = source.Text[node.StartIndex..Math.Max(node.StartIndex, node.EndIndex)];
        foreach (Match m in LabVariables.Reference().Matches(raw))
            if (m.Groups["name"].Value != "workdir")
                d.Error(source.At(node.StartIndex + m.Index), $"a setting may use only {{{{workdir}}}}, not \"{m.Value}\"",
                    "settings are written before the server starts; write the value out");
    }

    private static string BuiltInList => string.Join(", ", LabVariables.BuiltIn.Select(n => "{{" + n + "}}"));

    [GeneratedRegex(@"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguageShape();

    [GeneratedRegex(@"^[a-z_][a-z0-9_.]*$")]
    private static partial Regex SettingName();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex SessionName();

    [GeneratedRegex(@"^\{\{workdir\}\}(/[A-Za-z0-9_.-]+)+$")]
    private static partial Regex WalArchiveFolder();

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ServerName();
}
