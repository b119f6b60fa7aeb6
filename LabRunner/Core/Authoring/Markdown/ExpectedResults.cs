using Markdig.Syntax;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// "Resultado esperado" sections: panels are attached to the step whose SQL they echo (the last such step, preferring
/// the task their "Tarea N." label names), else to the last step of that task; pictures and prose stay as text for the
/// student and are reported as not checkable.
/// </summary>
internal sealed class ExpectedResults(List<ImportWarning> warnings)
{
    private abstract record Item(int Line, int? Task, int? Step);
    private sealed record Panel(int Line, int? Task, int? Step, IReadOnlyList<CodeLine> Lines, string? Info, string Text) : Item(Line, Task, Step);
    private sealed record Prose(int Line, int? Task, int? Step, string Text, bool Image) : Item(Line, Task, Step);

    private readonly List<Item> _items = [];
    private int? _task;
    private int? _step;

    public void StartSection(int line)
    {
        _task = null;
        _step = null;
    }

    public void Add(Block block, string source)
    {
        var line = block.Line + 1;
        switch (block)
        {
            case ParagraphBlock p when Headings.ExpectedLabel(MarkdownSlices.Of(source, p)) is { } label:
                if (label.Task is not null) { _task = label.Task; _step = label.Step; }
                else _step = label.Step;
                if (label.Rest.Trim('.', ':', ' ').Length > 0) AddProse(line, label.Rest, block);
                break;
            case HeadingBlock h when Headings.ExpectedLabel(MarkdownWalker.InlineText(h.Inline)) is { } label:
                if (label.Task is not null) { _task = label.Task; _step = label.Step; }
                else _step = label.Step;
                break;
            case FencedCodeBlock or CodeBlock:
                var code = (LeafBlock)block;
                var lines = MarkdownSlices.CodeLines(code);
                _items.Add(new Panel(line, _task, _step, lines, (code as FencedCodeBlock)?.Info, CodeSegment.Dedent(lines.Select(l => l.Text).ToList())));
                break;
            default:
                AddProse(line, MarkdownSlices.Of(source, block), block);
                break;
        }
    }

    private void AddProse(int line, string text, Block block)
    {
        var image = MarkdownSlices.Images(block).Any();
        _items.Add(new Prose(line, _task, _step, text, image));
    }

    /// <summary>Attaches what was collected to the steps of <paramref name="tasks"/> (real tasks only).</summary>
    public void Attach(IReadOnlyList<TaskDraft> tasks, PsqlContext psql, bool waitsForAutovacuum, string autovacuumReason)
    {
        var allSteps = tasks.SelectMany(t => t.Steps.Select(s => (Task: t, Step: s))).ToList();
        foreach (var item in _items)
        {
            var task = item.Task is { } n ? tasks.FirstOrDefault(t => t.Number == n) ?? (n >= 1 && n <= tasks.Count ? tasks[n - 1] : null) : null;
            if (item.Task is not null && task is null)
                warnings.Add(new(item.Line, $"no task numbered {item.Task}: using the steps of the whole lab"));
            switch (item)
            {
                case Panel panel:
                    AttachPanel(panel, task, allSteps, psql, waitsForAutovacuum, autovacuumReason);
                    break;
                case Prose prose:
                    var target = Fallback(prose, task, allSteps);
                    if (target is null) { warnings.Add(new(prose.Line, "expected result with no step to attach to: dropped")); break; }
                    target.Text.Add(prose.Text);
                    warnings.Add(new(prose.Line, prose.Image
                        ? $"expected result is a picture: not checkable; shown to the student with \"{target.Title}\""
                        : $"expected result is prose: not checkable; shown to the student with \"{target.Title}\""));
                    break;
            }
        }
    }

    private void AttachPanel(Panel panel, TaskDraft? task, List<(TaskDraft Task, StepDraft Step)> allSteps, PsqlContext psql,
        bool waitsForAutovacuum, string autovacuumReason)
    {
        if (panel.Text.Trim().Length == 0)
        {
            warnings.Add(new(panel.Line, "empty code block in the expected results: ignored"));
            return;
        }
        var echoed = Echoed(panel, psql);
        StepDraft? target = null;
        if (echoed.Count > 0)
        {
            bool Echoes(StepDraft s) => s.Action is SqlAction sql && Contains(SqlText.NormalisedStatements(sql.Sql), echoed);
            target = (task?.Steps ?? []).LastOrDefault(Echoes) ?? allSteps.Select(x => x.Step).LastOrDefault(Echoes);
        }
        if (target is null)
        {
            target = Fallback(panel, task, allSteps);
            if (target is null) { warnings.Add(new(panel.Line, "expected result with no step to attach to: dropped")); return; }
            var why = echoed.Count > 0 ? "no step runs the query it shows" : "it shows no query";
            warnings.Add(new(panel.Line, $"expected result attached to \"{target.Title}\" of \"{TaskOf(target, allSteps)}\" ({why})"));
        }
        if (target.Expect is not null)
            warnings.Add(new(panel.Line, $"\"{target.Title}\" already had an expected output: replaced by this panel"));
        var expect = new Expectation { Panel = panel.Text };
        if (waitsForAutovacuum && target.Action is SqlAction s && s.Sql.Contains("pg_stat", StringComparison.OrdinalIgnoreCase))
        {
            expect = expect with { Eventually = new Eventually(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(2)) };
            warnings.Add(new(panel.Line, $"the lab waits for autovacuum ({autovacuumReason}): this panel is checked with \"eventually\" (retried every 2s for up to 3m)", IsInfo: true));
        }
        var matchers = VolatileColumns(panel.Text);
        if (matchers.Count > 0)
        {
            expect = expect with { Matchers = matchers };
            foreach (var (column, m) in matchers)
                warnings.Add(new(panel.Line, $"column {column} shows {ValueShapes.Describe(((Matcher.Shape)m).Kind)} that differs on every run: matched by its shape", IsInfo: true));
        }
        if (target.Action is ShellAction)
        {
            var first = panel.Text.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
            expect = new Expectation { OutputContains = first };
            warnings.Add(new(panel.Line, $"expected output of a shell step: checked as \"output contains\" its first line", IsInfo: true));
        }
        target.Expect = expect;
        target.ExpectFromResults = true;
    }

    /// <summary>Columns whose pasted value cannot come out the same twice (the author's timestamp, an LSN): match by shape.</summary>
    private static Dictionary<string, Matcher> VolatileColumns(string panel)
    {
        var result = new Dictionary<string, Matcher>(StringComparer.Ordinal);
        try
        {
            foreach (var table in ExpectedPanel.Parse(panel).Tables)
                foreach (var row in table.Rows)
                    for (var i = 0; i < table.Columns.Count && i < row.Count; i++)
                        if (row[i] is { } value && ValueShapes.Volatile(table.Columns[i], value) is { } shape)
                            result.TryAdd(table.Columns[i], new Matcher.Shape(shape));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A panel the parser cannot read is still kept; the checker reports it when the step runs.
        }
        return result;
    }

    private static string TaskOf(StepDraft step, List<(TaskDraft Task, StepDraft Step)> all) =>
        all.FirstOrDefault(x => x.Step == step).Task?.Title ?? "";

    private static StepDraft? Fallback(Item item, TaskDraft? task, List<(TaskDraft Task, StepDraft Step)> allSteps)
    {
        var steps = task?.Steps ?? allSteps.Select(x => x.Step).ToList();
        if (item.Step is { } n) return steps.FirstOrDefault(s => s.Number == n) ?? (n >= 1 && n <= steps.Count ? steps[n - 1] : steps.LastOrDefault());
        return steps.LastOrDefault();
    }

    private static bool Contains(IReadOnlyList<string> statements, IReadOnlyList<string> echoed) =>
        echoed.All(e => statements.Contains(e)) || statements.Count > 0 && echoed.Count > 0 && string.Join(" ", statements) == string.Join(" ", echoed);

    /// <summary>The statements a pasted transcript echoes after its prompt(s).</summary>
    private static IReadOnlyList<string> Echoed(Panel panel, PsqlContext psql)
    {
        var scratch = new PsqlContext();
        foreach (var (k, v) in psql.PromptSessions) scratch.PromptSessions[k] = v;
        var analysis = new CodeBlockAnalyser(scratch, []).Analyse(panel.Lines, panel.Info);
        return analysis.Segments.Where(s => s.Kind == SegmentKind.Sql && s.FromTranscript)
            .SelectMany(s => SqlText.NormalisedStatements(s.Command)).ToList();
    }
}
