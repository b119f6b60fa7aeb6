using CsvHelper;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace LabRunner.Grading;

/// <summary>One student's database, as the grader listed it.</summary>
public sealed record GradeTarget(string Student, string Connection);

/// <summary>
/// Reads the --targets file: CSV with a header (student,connection) or YAML — a list of {student, connection}, the same
/// under a `targets:` key, or a plain map of student: connection.
/// </summary>
public static class GradeTargets
{
    public static IReadOnlyList<GradeTarget> Load(string path)
    {
        if (!File.Exists(path)) throw new UserErrorException($"--targets {path}: no such file");
        var text = File.ReadAllText(path);
        var targets = path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? FromCsv(text, path) : FromYaml(text, path);
        if (targets.Count == 0) throw new UserErrorException($"{path}: no targets (expected student and connection for each)");
        var duplicate = targets.GroupBy(t => t.Student).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new UserErrorException($"{path}: student \"{duplicate.Key}\" is listed twice");
        return targets;
    }

    private static List<GradeTarget> FromCsv(string text, string path)
    {
        using var csv = CsvReader.FromText(text, CsvReaderOptions.Default);
        var targets = new List<GradeTarget>();
        while (csv.Read())
        {
            if (!csv.TryGetFieldIndex("student", out var s) || !csv.TryGetFieldIndex("connection", out var c))
                throw new UserErrorException($"{path}: expected a header line \"student,connection\"");
            targets.Add(Target(csv.GetString(s), csv.GetString(c), $"{path}: row {csv.RowNumber}"));
        }
        return targets;
    }

    private static List<GradeTarget> FromYaml(string text, string path)
    {
        var stream = new YamlStream();
        try
        {
            CheckDepth(text, path);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e) { throw new UserErrorException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.Message}"); }
        if (stream.Documents.Count == 0) return [];
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode("targets"), out var inner)) root = inner;
        return root switch
        {
            YamlSequenceNode list => list.Children.Select(item => item is YamlMappingNode m
                ? Target(Scalar(m, "student") ?? Scalar(m, "name"), Scalar(m, "connection"), $"{path}:{item.Start.Line}")
                : throw new UserErrorException($"{path}:{item.Start.Line}: expected student: and connection:")).ToList(),
            YamlMappingNode pairs => pairs.Children.Select(kv =>
                Target((kv.Key as YamlScalarNode)?.Value, (kv.Value as YamlScalarNode)?.Value, $"{path}:{kv.Key.Start.Line}")).ToList(),
            _ => throw new UserErrorException($"{path}: expected a list of targets (student, connection)"),
        };
    }

    /// <summary>YamlStream reads nodes recursively: a file nested thousands of levels deep would overflow the stack.</summary>
    private static void CheckDepth(string text, string path)
    {
        const int MaxDepth = 64;
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is MappingStart or SequenceStart && ++depth > MaxDepth)
                throw new UserErrorException($"{path}:{parser.Current.Start.Line}:{parser.Current.Start.Column}: the YAML is nested more than {MaxDepth} levels deep here");
            if (parser.Current is MappingEnd or SequenceEnd) depth--;
        }
    }

    private static string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var v) ? (v as YamlScalarNode)?.Value : null;

    private static GradeTarget Target(string? student, string? connection, string where) =>
        string.IsNullOrWhiteSpace(student) || string.IsNullOrWhiteSpace(connection)
            ? throw new UserErrorException($"{where}: each target needs a student and a connection")
            : new GradeTarget(student.Trim(), connection.Trim());
}
