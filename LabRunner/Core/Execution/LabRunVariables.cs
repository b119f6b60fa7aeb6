using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Execution;

/// <summary>The {{variables}} a lab's commands may use on a given server: built-ins plus the lab's own (which may use built-ins).</summary>
internal static partial class LabRunVariables
{
    [GeneratedRegex(@"\{\{\s*(?<name>[^{}\s]*)\s*\}\}")]
    private static partial Regex Reference();

    public static IReadOnlyDictionary<string, string> For(Lab lab, IServerTarget target)
    {
        var cs = target.ConnectionString();
        var builtIns = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["data_directory"] = target.DataDirectory ?? "",
            ["workdir"] = target.WorkDirectory,
            ["database"] = target.Database,
            ["pg_version"] = target.Version,
            ["pg_major"] = target.MajorVersion.ToString(),
            ["host"] = cs.Host ?? "",
            ["port"] = cs.Port.ToString(),
            ["user"] = cs.Username ?? "",
        };
        var all = new Dictionary<string, string>(builtIns, StringComparer.Ordinal);
        foreach (var (name, value) in lab.Variables) all[name] = Substitute(value, builtIns);
        return all;
    }

    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Replace(text, m => values.TryGetValue(m.Groups["name"].Value, out var v) ? v : m.Value);
}
