using LabRunner.Psql;

namespace LabRunner.Authoring;

/// <summary>
/// The tables, views and sequences a piece of SQL makes or uses, read from psql's statements and the tokens of each
/// (<see cref="PsqlScanner"/>, <see cref="SqlTokenizer"/>): a name inside a string, a dollar-quoted body or a comment is
/// never read as a relation (regular expressions over the text read `SELECT 'FROM pedidos'` as a use of pedidos). A
/// string is read as a name only where PostgreSQL reads it as one: 'name'::regclass, relname = 'name', pg_relation_size('name').
/// </summary>
public static class SqlRelations
{
    private static readonly HashSet<string> SizeFunctions = new(StringComparer.Ordinal)
        { "pg_relation_size", "pg_total_relation_size", "pg_table_size", "pg_indexes_size" };

    /// <summary>What CREATE [OR REPLACE] [TEMP|UNLOGGED] TABLE | VIEW | MATERIALIZED VIEW | SEQUENCE [IF NOT EXISTS] makes.</summary>
    public static HashSet<string> Created(string sql)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in Statements(sql))
            for (var k = 0; k < t.Count; k++)
                if (t[k].Is("create") && CreatedAt(t, k + 1) is { } name) names.Add(name);
        return names;
    }

    /// <summary>Every relation the SQL names where a relation is read or changed, in order (repeats kept).</summary>
    public static IEnumerable<string> Used(string sql)
    {
        foreach (var part in PsqlScanner.Split(sql))
        {
            if (part is MetaCommandPart { Name: "d" or "d+" } meta)
            {
                if (MetaArguments.Split(meta.Arguments, _ => null) is [var first, ..]) yield return Name(first);
                continue;
            }
            if (part is not SqlStatementPart { IsEmpty: false } statement) continue;
            var t = SqlTokenizer.Tokenize(statement.Text);
            for (var k = 0; k < t.Count; k++)
                if (UsedAt(t, k) is { } name) yield return name;
        }
    }

    private static IEnumerable<IReadOnlyList<SqlToken>> Statements(string sql) =>
        PsqlScanner.Split(sql).OfType<SqlStatementPart>().Where(s => !s.IsEmpty).Select(s => SqlTokenizer.Tokenize(s.Text));

    private static string? CreatedAt(IReadOnlyList<SqlToken> t, int k)
    {
        k = Skip(t, k, "or", "replace");
        k = Skip(t, k, "global", "local", "temp", "temporary", "unlogged");
        if (Word(t, k) == "materialized") k++;
        if (Word(t, k) is not ("table" or "view" or "sequence")) return null;
        return NameAt(t, Skip(t, k + 1, "if", "not", "exists"));
    }

    /// <summary>The relation token <paramref name="k"/> starts to name (a keyword followed by one, or a string read as one).</summary>
    private static string? UsedAt(IReadOnlyList<SqlToken> t, int k)
    {
        var token = t[k];
        if (token.Kind == SqlTokenKind.Literal)
            return IsSymbol(t, k + 1, ':') && IsSymbol(t, k + 2, ':') && Word(t, k + 3) == "regclass" ? LiteralName(token) : null;
        if (token.Kind != SqlTokenKind.Word) return null;
        return token.Text switch
        {
            "from" or "join" or "update" or "copy" => NameAt(t, Skip(t, k + 1, "only", "lateral")),
            "into" when Word(t, k - 1) == "insert" => NameAt(t, k + 1),
            "truncate" => NameAt(t, Skip(t, k + 1, "table", "only")),
            "table" when Word(t, k - 1) == "alter" => NameAt(t, Skip(t, k + 1, "if", "exists", "only")),
            "vacuum" or "analyze" => NameAt(t, AfterMaintenanceOptions(t, k + 1)),
            "index" => IndexedTable(t, k + 1),
            "relname" when IsSymbol(t, k + 1, '=') && t.ElementAtOrDefault(k + 2) is { Kind: SqlTokenKind.Literal } name => LiteralName(name),
            _ when SizeFunctions.Contains(token.Text) && IsSymbol(t, k + 1, '(') && t.ElementAtOrDefault(k + 2) is { Kind: SqlTokenKind.Literal } name => LiteralName(name),
            _ => null,
        };
    }

    /// <summary>CREATE INDEX [CONCURRENTLY] [IF NOT EXISTS] [name] ON [ONLY] table: the table.</summary>
    private static string? IndexedTable(IReadOnlyList<SqlToken> t, int k)
    {
        k = Skip(t, k, "concurrently", "if", "not", "exists");
        if (Word(t, k) != "on" && t.ElementAtOrDefault(k) is { IsName: true }) k++;
        return Word(t, k) == "on" ? NameAt(t, Skip(t, k + 1, "only")) : null;
    }

    /// <summary>VACUUM / ANALYZE options, old style (FULL VERBOSE ...) or in parentheses.</summary>
    private static int AfterMaintenanceOptions(IReadOnlyList<SqlToken> t, int k)
    {
        while (k < t.Count)
        {
            if (Word(t, k) is "full" or "verbose" or "analyze" or "freeze") { k++; continue; }
            if (!IsSymbol(t, k, '(')) return k;
            while (k < t.Count && !IsSymbol(t, k, ')')) k++;
            k++;
        }
        return k;
    }

    /// <summary>A name, schema-qualified or not, starting at token <paramref name="k"/>.</summary>
    private static string? NameAt(IReadOnlyList<SqlToken> t, int k)
    {
        if (t.ElementAtOrDefault(k) is not { IsName: true } first) return null;
        var name = first.Text;
        if (IsSymbol(t, k + 1, '.') && t.ElementAtOrDefault(k + 2) is { IsName: true } second) name += "." + second.Text;
        return Name(name);
    }

    /// <summary>A string that holds a name as it is written in SQL ('alumnos', 'public.alumnos'), else nothing.</summary>
    private static string? LiteralName(SqlToken literal) =>
        literal.Text.Length > 0 && literal.Text.All(c => char.IsLetterOrDigit(c) || c is '_' or '.') ? Name(literal.Text) : null;

    /// <summary>public.Alumnos, "alumnos" and alumnos are the same relation; other schemas keep their prefix.</summary>
    private static string Name(string raw)
    {
        var name = raw.Replace("\"", "", StringComparison.Ordinal).ToLowerInvariant();
        return name.StartsWith("public.", StringComparison.Ordinal) ? name["public.".Length..] : name;
    }

    private static int Skip(IReadOnlyList<SqlToken> t, int k, params string[] words)
    {
        while (Word(t, k) is { } word && words.Contains(word)) k++;
        return k;
    }

    private static string? Word(IReadOnlyList<SqlToken> t, int k) =>
        k >= 0 && k < t.Count && t[k].Kind == SqlTokenKind.Word ? t[k].Text : null;

    private static bool IsSymbol(IReadOnlyList<SqlToken> t, int k, char c) => k >= 0 && k < t.Count && t[k].IsSymbol(c);
}
