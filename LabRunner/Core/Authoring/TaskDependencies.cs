using LabRunner.Labs;

namespace LabRunner.Authoring;

/// <summary>
/// Which earlier task a task builds on, read from its SQL: a table, view or sequence it uses (FROM, JOIN, UPDATE,
/// INSERT INTO, ALTER TABLE, \d, 'name'::regclass, relname = 'name'...) that an earlier task created and neither this
/// task nor the server's setup does (read by <see cref="SqlRelations"/>, never inside strings or comments). A reading
/// for `validate` and the Markdown reader; it never decides what runs.
/// </summary>
public static class TaskDependencies
{
    /// <summary>One dependency: <paramref name="Task"/> uses <paramref name="Relation"/>, which <paramref name="Needed"/> creates.</summary>
    public sealed record Dependency(LabTask Task, LabTask Needed, string Relation, Step At);

    /// <summary>Every task's dependencies on earlier tasks, one per (task, needed task), with the first relation that shows it.</summary>
    public static IReadOnlyList<Dependency> Of(Lab lab)
    {
        var fromSetup = lab.Server.Setup is { } setup ? SqlRelations.Created(setup) : [];
        var createdBy = new Dictionary<string, LabTask>(StringComparer.Ordinal);
        var found = new List<Dependency>();
        foreach (var task in lab.Tasks)
        {
            var sql = Sql(task).ToList();
            var own = sql.SelectMany(s => SqlRelations.Created(s.Text)).ToHashSet(StringComparer.Ordinal);
            foreach (var (step, text) in sql)
                foreach (var name in SqlRelations.Used(text))
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
}
