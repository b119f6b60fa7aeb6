using System.Globalization;
using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Running;

/// <summary>The one place that gives a server's values to the {{variables}} of <see cref="LabVariables.BuiltIn"/>.</summary>
public static class ServerVariables
{
    /// <summary>
    /// The built-ins for a target (data_directory, workdir, database, pg_version, pg_major, host, port, user) overlaid
    /// with the lab's own variables, whose values may use built-ins.
    /// </summary>
    public static IReadOnlyDictionary<string, string> For(IServerTarget target, Lab lab) => LabVariables.Resolve(lab, BuiltIns(target));

    public static IReadOnlyDictionary<string, string> BuiltIns(IServerTarget target)
    {
        var env = target.PgEnvironment();
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["workdir"] = target.StepWorkDirectory,
            ["database"] = target.Database,
            ["pg_version"] = target.Version,
            ["pg_major"] = target.MajorVersion.ToString(CultureInfo.InvariantCulture),
            ["host"] = env.GetValueOrDefault("PGHOST", ""),
            ["port"] = env.GetValueOrDefault("PGPORT", ""),
            ["user"] = env.GetValueOrDefault("PGUSER", ""),
        };
        // Unknown on a server whose data_directory this role may not read: left undefined, never "", so that
        // `rsync {{data_directory}}/ ...` cannot turn into `rsync / ...`.
        if (target.DataDirectory is { Length: > 0 } dataDirectory) all["data_directory"] = dataDirectory;
        return all;
    }
}
