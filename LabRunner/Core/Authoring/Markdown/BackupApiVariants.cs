using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// PostgreSQL 15 removed pg_start_backup/pg_stop_backup (and exclusive backups): labs written for 14 get a variant for
/// >=15 that calls pg_backup_start(label, fast) / pg_backup_stop([wait_for_archive]) instead.
/// </summary>
internal static partial class BackupApiVariants
{
    public static readonly VersionRange From15 = new(15, null);

    public static bool Applies(string sql) => OldCall().IsMatch(sql);

    public static string Rewrite(string sql) => OldCall().Replace(sql, m =>
    {
        var args = SplitArguments(m.Groups["args"].Value);
        if (m.Groups["fn"].Value.Equals("pg_start_backup", StringComparison.OrdinalIgnoreCase))
            // (label, fast, exclusive) → (label, fast): every backup is non-exclusive on 15+.
            return $"pg_backup_start({string.Join(", ", args.Take(2))})";
        // (exclusive, wait_for_archive) → (wait_for_archive).
        return $"pg_backup_stop({string.Join(", ", args.Skip(1).Take(1))})";
    });

    private static List<string> SplitArguments(string text)
    {
        var args = new List<string>();
        int depth = 0, start = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'') quoted = !quoted;
            else if (quoted) continue;
            else if (c == '(') depth++;
            else if (c == ')') depth--;
            else if (c == ',' && depth == 0) { args.Add(text[start..i].Trim()); start = i + 1; }
        }
        var last = text[start..].Trim();
        if (last.Length > 0 || args.Count > 0) args.Add(last);
        return args;
    }

    [GeneratedRegex(@"\b(?<fn>pg_start_backup|pg_stop_backup)\s*\((?<args>(?:[^()']|'[^']*'|\([^()]*\))*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex OldCall();
}
