using System.Text.RegularExpressions;
using LabRunner.Labs;

namespace LabRunner.Authoring;

/// <summary>
/// Which earlier task a task builds on, read from its SQL: a table, view or sequence it uses (FROM, JOIN, UPDATE,
/// INSERT INTO, ALTER TABLE, \d, 'name'::regclass, relname = 'name'...) that an earlier task created and neither this
/// task nor the server's setup does. A reading for `validate` and the Markdown reader; it never decides what runs.
/// </summary>
public static partial class TaskDependencies
{
    /// <summary>One dependency: <paramref name="Task"/> uses <paramref name="Relation"/>, which <paramref name="Needed"/> creates.</summary>
    public sealed record Dependency(LabTask Task, LabTask Needed, string Relation, Step At);

    /// <summary>Every task's dependencies on earlier tasks, one per (task, needed task), with the first relation that shows it.</summary>
    public static IReadOnlyList<Dependency> Of(Lab lab)
    {
        var fromSetup = lab.Server.Setup is { } setup ? Created(setup) : [];
        var createdBy = new Dictionary<string, LabTask>(StringComparer.Ordinal);
        var found = new List<Dependency>();
        foreach (var task in lab.Tasks)
        {
            var sql = Sql(task).ToList();
            var own = sql.SelectMany(s => Created(s.Text)).ToHashSet(StringComparer.Ordinal);
            foreach (var (step, text) in sql)
                foreach (var name in Used(text))
                    if (!own.Contains(name) && !fromSetup.Contains(name) && createdBy.TryGetValue(name, out var maker)
                        && !found.Any(f => f.Task == task && f.Needed == maker))
                        found.Add(new Dependency(task, maker, name, step));
            foreach (var name in own) createdBy[name] = task;
        }
        return found;
    }

    /// <summary>The lab with each task's `needs:` filled in from <see cref="Of"/> (kept where the author wrote them).</summary>
    public static Lab Infer(Lab lab)
    {
        var dependencies = Of(lab);
        return lab with
        {
            Tasks = lab.Tasks.Select(t => t.Needs.Count > 0 ? t : t with
            {
                Needs = dependencies.Where(d => d.Task == t).Select(d => d.Needed.Id).Distinct().ToList(),
            }).ToList(),
        };
    }

    private static IEnumerable<(Step Step, string Text)> Sql(LabTask task) =>
        task.Steps.Concat(task.Checks).SelectMany(s => s.Variants.Select(v => v.Action).Prepend(s.Action).OfType<SqlAction>().Select(a => (s, a.Sql)));

    public static HashSet<string> Created(string sql) =>
        CreatePattern().Matches(WithoutComments(sql)).Select(m => Name(m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> Used(string sql)
    {
        var text = WithoutComments(sql);
        foreach (Match m in UsePattern().Matches(text)) yield return Name(m.Groups["name"].Value);
        foreach (Match m in QuotedPattern().Matches(text)) yield return Name(m.Groups["name"].Value);
    }

    /// <summary>public.Alumnos, "alumnos" and alumnos are the same relation; other schemas keep their prefix.</summary>
    private static string Name(string raw)
    {
        var name = raw.Replace("\"", "", StringComparison.Ordinal).ToLowerInvariant();
        return name.StartsWith("public.", StringComparison.Ordinal) ? name["public.".Length..] : name;
    }

    private static string WithoutComments(string sql) => LineComment().Replace(sql, "");

    [GeneratedRegex(@"--[^\n]*")]
    private static partial Regex LineComment();

    private const string Identifier = @"(?<name>(?:""[^""]+""|[A-Za-z_][\w$]*)(?:\.(?:""[^""]+""|[A-Za-z_][\w$]*))?)";

    [GeneratedRegex(@"\bCREATE\s+(?:OR\s+REPLACE\s+)?(?:(?:GLOBAL|LOCAL)\s+)?(?:TEMP(?:ORARY)?\s+|UNLOGGED\s+)?(?:TABLE|VIEW|MATERIALIZED\s+VIEW|SEQUENCE)\s+(?:IF\s+NOT\s+EXISTS\s+)?" + Identifier, RegexOptions.IgnoreCase)]
    private static partial Regex CreatePattern();

    [GeneratedRegex(@"(?:\b(?:FROM|JOIN|UPDATE|INSERT\s+INTO|DELETE\s+FROM|TRUNCATE(?:\s+TABLE)?|ALTER\s+TABLE(?:\s+IF\s+EXISTS)?|COPY|(?:VACUUM|ANALYZE)(?:\s+(?:FULL|VERBOSE|ANALYZE|\([^)]*\)))*|INDEX\s+(?:CONCURRENTLY\s+)?(?:IF\s+NOT\s+EXISTS\s+)?[\w""]*\s+ON(?:\s+ONLY)?)|\\d\+?)\s+" + Identifier, RegexOptions.IgnoreCase)]
    private static partial Regex UsePattern();

    [GeneratedRegex(@"(?:'(?<name>[\w.]+)'::regclass|\brelname\s*=\s*'(?<name>[\w.]+)'|\b(?:pg_relation_size|pg_total_relation_size|pg_table_size|pg_indexes_size)\s*\(\s*'(?<name>[\w.]+)')", RegexOptions.IgnoreCase)]
    private static partial Regex QuotedPattern();
}
