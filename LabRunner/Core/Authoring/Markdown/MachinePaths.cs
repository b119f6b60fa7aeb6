using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Rewrites paths that only exist on the author's machine into LabRunner's built-in variables, so commands run in the sandbox:
/// a distribution's data directory becomes {{data_directory}}, other places under the postgres user's home become {{workdir}}.
/// </summary>
internal static partial class MachinePaths
{
    public sealed record Rewrite(string From, string To)
    {
        /// <summary>The major version a data directory path names (/var/lib/postgresql/14/main → 14).</summary>
        public int? Major => To == "{{data_directory}}" && VersionInPath().Match(From) is { Success: true } m ? int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    [GeneratedRegex(@"/(\d+)(?:\.\d+)?/(?:main|data)")]
    private static partial Regex VersionInPath();

    public static string Apply(string command, List<Rewrite> done)
    {
        var result = DataDirectory().Replace(command, m => { done.Add(new(m.Value, "{{data_directory}}")); return "{{data_directory}}"; });
        result = PostgresHome().Replace(result, m =>
        {
            var to = "{{workdir}}" + m.Groups["rest"].Value;
            done.Add(new(m.Value, to));
            return to;
        });
        return result;
    }

    /// <summary>
    /// An rsync of {{data_directory}} gets --exclude='pg_internal.init', or null when it needs none: the server rewrites that
    /// file while it runs, and rsync exits 24 ("files vanished") about one run in two.
    /// </summary>
    public static string? ExcludeRewrittenFiles(string command)
    {
        const string source = " {{data_directory}}";
        var at = command.IndexOf(source, StringComparison.Ordinal);
        if (!command.TrimStart().StartsWith("rsync ", StringComparison.Ordinal) || at < 0 || command.Contains("pg_internal.init")) return null;
        return command.Insert(at, " --exclude='pg_internal.init'");
    }

    // Debian/Ubuntu /var/lib/postgresql/14/main, Red Hat /var/lib/pgsql/14/data or /var/lib/pgsql/data, source builds /usr/local/pgsql/data.
    [GeneratedRegex(@"(?<![\w/.-])(?:/var/lib/postgresql/\d+(?:\.\d+)?/main|/var/lib/pgsql(?:/\d+(?:\.\d+)?)?/data|/usr/local/pgsql/data)(?=/|\b|$)")]
    private static partial Regex DataDirectory();

    [GeneratedRegex(@"(?<![\w/.-])/var/lib/(?:postgresql|pgsql)(?<rest>/[^\s'"";|&)]+)")]
    private static partial Regex PostgresHome();
}
