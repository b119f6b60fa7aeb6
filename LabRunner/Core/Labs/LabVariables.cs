using System.Text.RegularExpressions;

namespace LabRunner.Labs;

/// <summary>
/// {{name}} variables in commands, the one syntax: the built-in names, finding references, and substitution. Names are
/// case-sensitive; spaces inside the braces are allowed. A name without a value is left as written, so the student sees
/// exactly what was not replaced (validation reports unknown names earlier).
/// </summary>
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

    /// <summary>Names used in the text that have no value in <paramref name="values"/>, each once.</summary>
    public static IReadOnlyList<string> Unknown(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Matches(text).Select(m => m.Groups["name"].Value).Where(n => !values.ContainsKey(n)).Distinct().ToList();

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
