using System.Text.RegularExpressions;
using LabRunner.Postgres;

namespace LabRunner.Execution;

/// <summary>
/// {{name}} substitution in step commands (SQL and shell). Names are case-sensitive; spaces inside the braces are
/// allowed. A name that is not defined is left as written, so the student sees exactly what was not replaced
/// (lab validation reports it earlier via <see cref="Unknown"/>).
/// </summary>
public static partial class Variables
{
    public static string Substitute(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    /// <summary>Names used in the text that have no value.</summary>
    public static IReadOnlyList<string> Unknown(string text, IReadOnlyDictionary<string, string> values) =>
        Reference().Matches(text).Select(m => m.Groups[1].Value).Where(n => !values.ContainsKey(n)).Distinct().ToList();

    /// <summary>
    /// The built-in variables for a target (data_directory, workdir, database, pg_version, pg_major, host, port, user),
    /// overlaid with the lab's own; the lab's values may themselves use built-ins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(IServerTarget target, IReadOnlyDictionary<string, string>? lab = null)
    {
        var env = target.PgEnvironment();
        var all = new Dictionary<string, string>
        {
            ["workdir"] = target.StepWorkDirectory,
            ["database"] = target.Database,
            ["pg_version"] = target.Version,
            ["pg_major"] = target.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["host"] = env.GetValueOrDefault("PGHOST", ""),
            ["port"] = env.GetValueOrDefault("PGPORT", ""),
            ["user"] = env.GetValueOrDefault("PGUSER", ""),
        };
        // Unknown on a server whose data_directory this role may not read: left undefined, never "", so that
        // `rsync {{data_directory}}/ ...` cannot turn into `rsync / ...`.
        if (target.DataDirectory is { Length: > 0 } dataDirectory) all["data_directory"] = dataDirectory;
        if (lab is not null)
        {
            var builtIns = new Dictionary<string, string>(all);
            foreach (var (k, v) in lab) all[k] = Substitute(v, builtIns);
        }
        return all;
    }

    [GeneratedRegex(@"\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}")]
    private static partial Regex Reference();
}
