using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

internal sealed partial class MarkdownWalker
{
    /// <summary>The import map: every task and step, then every block the reader placed (or left out, with why), by line.</summary>
    private List<ImportMapEntry> MapEntries(List<TaskDraft> tasks, string database)
    {
        var entries = new List<ImportMapEntry>();
        foreach (var task in tasks)
        {
            entries.Add(new ImportMapEntry(task.Line, task.Line, MapElement.Task, task.Implicit ? "implicit task" : "task", task.Id, null,
                task.Implicit ? $"{task.Title} (no task heading: the steps under it form one task)" : task.Title));
            foreach (var step in task.Steps)
            {
                var parts = step.Parts;
                var sessions = parts.Select(p => p.Session).OfType<string>().Distinct().ToList();
                var servers = parts.Select(p => p.Server ?? "main").Distinct().ToList();
                var databases = parts.Where(p => p.Action is SqlAction).Select(p => ((SqlAction)p.Action).Database ?? database).Distinct().ToList();
                var note = step.Title + (parts.Count > 1 ? $" ({parts.Count} parts: {string.Join(", ", parts.Select(p => p.Id))})" : "");
                entries.Add(new ImportMapEntry(step.Line, step.Line, MapElement.Step, StepKind(step), task.Id, step.Id, note)
                {
                    Sessions = sessions,
                    Server = servers.Count == 1 ? servers[0] : string.Join(",", servers),
                    Database = databases.Count == 0 ? null : string.Join(",", databases),
                });
            }
        }
        foreach (var m in _state.Map)
        {
            var taskId = m.Task?.Id is { Length: > 0 } t ? t : null;
            var stepId = m.Part?.Id is { Length: > 0 } p ? p : m.Step?.Id is { Length: > 0 } s ? s : null;
            if (m.Task is not null && !tasks.Contains(m.Task)) { taskId = null; stepId = null; }
            entries.Add(new ImportMapEntry(m.Line, m.EndLine, m.Element, m.Kind, taskId, stepId, m.Note));
        }
        return entries.OrderBy(e => e.Line).ThenBy(e => e.Element).ToList();
    }

    private static string StepKind(StepDraft step)
    {
        var kinds = step.Parts.Select(p => p.Kind).Distinct().ToList();
        if (kinds.Count == 1) return kinds[0];
        if (kinds.All(k => k is "sql" or "shell" or "transcript")) return "mixed";
        return string.Join("+", kinds);
    }
}
