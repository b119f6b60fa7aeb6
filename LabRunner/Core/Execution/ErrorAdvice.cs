using System.Text.RegularExpressions;
using Npgsql;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>LabRunner's own advice for errors students commonly meet (never part of the psql text).</summary>
internal static partial class ErrorAdvice
{
    public static async Task<string?> ForAsync(StatementError error, int serverMajor, NpgsqlConnection? conn, CancellationToken ct)
    {
        if (error.SqlState == "42883" && RemovedBackupFunction().Match(error.Message) is { Success: true } m && serverMajor >= 15)
        {
            var renamed = m.Groups[1].Value == "start" ? "pg_backup_start" : "pg_backup_stop";
            return $"pg_{m.Groups[1].Value}_backup was renamed {renamed} in PostgreSQL 15 (this server is {serverMajor}); " +
                   "run pg_backup_start and pg_backup_stop in the same session.";
        }
        if (conn is null) return null;
        try
        {
            if (error.SqlState == "42P01" && UndefinedRelation().Match(error.Message) is { Success: true } rel)
            {
                var closest = await ClosestAsync(conn,
                    "SELECT relname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace " +
                    "WHERE relkind IN ('r','p','v','m','f') AND nspname <> 'information_schema' AND nspname !~ '^pg_toast' " +
                    "AND (nspname <> 'pg_catalog' OR relname LIKE 'pg\\_stat%') AND pg_catalog.pg_table_is_visible(c.oid)",
                    rel.Groups[1].Value, ct);
                return closest is null ? null : $"There is no relation \"{rel.Groups[1].Value}\"; did you mean \"{closest}\"?";
            }
            if (error.SqlState == "42703" && UndefinedColumn().Match(error.Message) is { Success: true } col)
            {
                var name = col.Groups[1].Value;
                var bare = name.Contains('.') ? name[(name.LastIndexOf('.') + 1)..] : name;
                var closest = await ClosestAsync(conn,
                    "SELECT DISTINCT attname FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid " +
                    "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped " +
                    "AND c.relkind IN ('r','p','v','m') AND nspname NOT IN ('information_schema') AND pg_catalog.pg_table_is_visible(c.oid)",
                    bare, ct);
                return closest is null ? null : $"There is no column \"{name}\"; did you mean \"{closest}\"?";
            }
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            // Advice is a nicety: a session in a failed transaction cannot look names up, and that is fine.
        }
        return null;
    }

    private static async Task<string?> ClosestAsync(NpgsqlConnection conn, string sql, string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        var names = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) names.Add(reader.GetString(0));
        var best = names.Select(n => (n, d: Distance(n.ToLowerInvariant(), name.ToLowerInvariant())))
            .OrderBy(x => x.d).ThenBy(x => x.n, StringComparer.Ordinal).FirstOrDefault();
        return best.n is not null && best.d <= Math.Max(2, name.Length / 3) ? best.n : null;
    }

    internal static int Distance(string a, string b)
    {
        var d = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) d[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            var prev = d[0];
            d[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var tmp = d[j];
                d[j] = Math.Min(Math.Min(d[j] + 1, d[j - 1] + 1), prev + (a[i - 1] == b[j - 1] ? 0 : 1));
                prev = tmp;
            }
        }
        return d[b.Length];
    }

    [GeneratedRegex(@"function pg_(start|stop)_backup\(")]
    private static partial Regex RemovedBackupFunction();

    [GeneratedRegex("relation \"([^\"]+)\" does not exist")]
    private static partial Regex UndefinedRelation();

    [GeneratedRegex("column \"([^\"]+)\" does not exist")]
    private static partial Regex UndefinedColumn();
}
