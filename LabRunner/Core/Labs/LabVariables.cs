using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>{{name}} variables in commands: the built-in names, finding references, and substitution.</summary>
public static partial class LabVariables
{
    /// <summary>Provided by the runner for every lab (values depend on the server the lab runs on).</summary>
    public static IReadOnlyList<string> BuiltIn { get; } =
        ["data_directory", "workdir", "database", "pg_version", "pg_major", "host", "port", "user"];

    public static bool IsBuiltIn(string name) => BuiltIn.Contains(name);

    /// <summary>Matches {{name}} (spaces inside the braces allowed); group "name" is the variable's name.</summary>
    [GeneratedRegex(@"\{\{\s*(?<name>[^{}\s]*)\s*\}\}")]
    public static partial Regex Reference();

    [GeneratedRegex(@"^[a-z_][a-z0-9_]*$")]
    internal static partial Regex ValidName();

    /// <summary>Replaces every {{name}} whose name is in <paramref name="values"/>; unknown names are left as written.</summary>
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);

    /// <summary>
    /// All variables of a lab: the built-in values given, plus the lab's own variables with built-ins substituted
    /// (a lab variable's value may use built-ins only).
    /// </summary>
    public static IReadOnlyDictionary<string, string> Resolve(Lab lab, IReadOnlyDictionary<string, string> builtIns)
    {
        var all = new Dictionary<string, string>(builtIns, StringComparer.Ordinal);
        foreach (var (name, value) in lab.Variables) all[name] = Substitute(value, builtIns);
        return all;
    }
}
