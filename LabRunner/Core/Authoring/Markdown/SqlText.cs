using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>Just enough SQL knowledge to tell SQL from shell commands and psql output, line by line.</summary>
internal static partial class SqlText
{
    /// <summary>Whether a line starts an SQL statement (keyword first), as opposed to a shell command.</summary>
    public static bool StartsStatement(string line) => StatementStart().IsMatch(line);

    /// <summary>Whether a line is what psql prints after a statement (command tag, table rule, footer, message).</summary>
    public static bool LooksLikeOutput(string line)
    {
        var s = line.Trim();
        if (s.EndsWith(';')) return false;
        return CommandTag().IsMatch(s) || RowCount().IsMatch(s) || TableRule().IsMatch(s) || Message().IsMatch(s) || s.Contains(" | ");
    }

    /// <summary>A command tag psql prints after a statement ("UPDATE 1", "BEGIN", "CREATE TABLE").</summary>
    public static bool IsCommandTag(string line) => CommandTag().IsMatch(WithoutComment(line).Trim());

    /// <summary>A tag that is never SQL: one with a row count ("UPDATE 1", "INSERT 0 1", "DELETE 3"), even with a `-- comment` after it.</summary>
    public static bool IsCountTag(string line) => CountTag().IsMatch(WithoutComment(line).Trim());

    /// <summary>A psql message line (ERROR:, DETALLE:, HINT: ...).</summary>
    public static bool IsMessage(string line) => Message().IsMatch(line.Trim());

    /// <summary>A line only psql's output has: a tag with a count, a table rule, a footer, a message.</summary>
    public static bool IsSurelyOutput(string line) =>
        IsCountTag(line) || IsTableFrame(line) || IsMessage(line) || ExpandedHeader().IsMatch(line.Trim());

    private static string WithoutComment(string line)
    {
        var at = line.IndexOf("--", StringComparison.Ordinal);
        return at > 0 ? line[..at] : line;
    }

    public static bool IsTableRule(string line) => TableRule().IsMatch(line.Trim());

    /// <summary>A line that only appears in a result table: the rule under the header or the row-count footer.</summary>
    public static bool IsTableFrame(string line) => TableRule().IsMatch(line.Trim()) || RowCount().IsMatch(line.Trim());

    /// <summary>Whether the statement text so far is complete: ends with ';' outside quotes and dollar quotes.</summary>
    public static bool IsComplete(string sqlSoFar)
    {
        var withoutComments = LineComment().Replace(sqlSoFar, "");
        if (DollarQuote().Count(withoutComments) % 2 == 1) return false;
        return withoutComments.TrimEnd().EndsWith(';');
    }

    /// <summary>Text for comparing statements: no comments, one space, lower case, no final ';'.</summary>
    public static string Normalise(string sql)
    {
        var s = LineComment().Replace(sql, " ");
        s = Spaces().Replace(s, " ").Trim().TrimEnd(';').Trim();
        return s.ToLowerInvariant();
    }

    /// <summary>The statements of a script (split on ';' at line ends), normalised.</summary>
    public static IReadOnlyList<string> NormalisedStatements(string sql)
    {
        var result = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (var line in sql.Split('\n'))
        {
            current.AppendLine(line);
            if (IsComplete(current.ToString()))
            {
                var n = Normalise(current.ToString());
                if (n.Length > 0) result.Add(n);
                current.Clear();
            }
        }
        var rest = Normalise(current.ToString());
        if (rest.Length > 0) result.Add(rest);
        return result;
    }

    [GeneratedRegex(@"^(?:SELECT|INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|SHOW|SET|RESET|BEGIN|COMMIT|ROLLBACK|START\s+TRANSACTION|END|ABORT|PREPARE|EXECUTE|DEALLOCATE|WITH|VACUUM|ANALYZE|ANALYSE|EXPLAIN|GRANT|REVOKE|TRUNCATE|COPY|LOCK|CHECKPOINT|DO|CALL|TABLE|VALUES|LISTEN|NOTIFY|UNLISTEN|DECLARE|FETCH|CLOSE|MOVE|SAVEPOINT|RELEASE|COMMENT|REINDEX|CLUSTER|REFRESH|DISCARD|MERGE|LOAD|SECURITY\s+LABEL|IMPORT\s+FOREIGN)\b(?!\s*=)(?!\s+-)", RegexOptions.IgnoreCase)]
    private static partial Regex StatementStart();

    [GeneratedRegex(@"^(?:BEGIN|COMMIT|ROLLBACK|START TRANSACTION|PREPARE TRANSACTION|COMMIT PREPARED|ROLLBACK PREPARED|SAVEPOINT|RELEASE|CHECKPOINT|VACUUM|ANALYZE|TRUNCATE TABLE|LOCK TABLE|DO|SET|RESET|GRANT|REVOKE|LISTEN|NOTIFY|DISCARD ALL|(?:CREATE|DROP|ALTER) [A-Z ]+|INSERT \d+ \d+|(?:UPDATE|DELETE|SELECT|COPY|MOVE|FETCH|MERGE) \d+)$")]
    private static partial Regex CommandTag();

    [GeneratedRegex(@"^\(\s*\d+\s+(?:rows?|filas?|registros?)\s*\)$")]
    private static partial Regex RowCount();

    [GeneratedRegex(@"^(?:INSERT \d+ \d+|(?:UPDATE|DELETE|SELECT|COPY|MOVE|FETCH|MERGE) \d+)$")]
    private static partial Regex CountTag();

    [GeneratedRegex(@"^-\[ (?:RECORD|REGISTRO) \d+ \]-*")]
    private static partial Regex ExpandedHeader();

    [GeneratedRegex(@"^-{3,}(?:\+-+)*$")]
    private static partial Regex TableRule();

    [GeneratedRegex(@"^(?:ERROR|FATAL|PANIC|WARNING|NOTICE|DETAIL|HINT|INFO|CONTEXT|LINE \d+|ADVERTENCIA|NOTA|DETALLE|SUGERENCIA|CONTEXTO|L[IÍ]NEA \d+|psql:[^:]*:\d+: (?:ERROR|ADVERTENCIA|WARNING|NOTICE|NOTA)):")]
    private static partial Regex Message();

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\$[A-Za-z_]*\$")]
    private static partial Regex DollarQuote();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
