using Markdig.Syntax;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// "Resultado esperado" sections. A section belongs to the task (and step) it follows: its results go there, never to a
/// later task. Labels inside it ("Tarea 2.", "Tarea 2 paso 2:", "Laboratorio 3.1, paso 6:", "Task 2, step 3:") point at
/// another task or step. Within that scope a panel goes to the step whose query it echoes, else the labelled step, else
/// the last step whose query names its columns, else the step the section follows. Pictures, prose and tables of
/// values are shown to the student and reported as not compared.
/// </summary>
internal sealed partial class ExpectedResults
{
    private abstract record Item(int Line, int EndLine, string? TaskLabel, int? Step, Section Section);
    private sealed record Panel(int Line, int EndLine, string? TaskLabel, int? Step, Section Section, IReadOnlyList<CodeLine> Lines, string? Info, string Text)
        : Item(Line, EndLine, TaskLabel, Step, Section);
    private sealed record Words(int Line, int EndLine, string? TaskLabel, int? Step, Section Section, string Text)
        : Item(Line, EndLine, TaskLabel, Step, Section);

    private sealed record Section(int Line, int Level, TaskDraft? Task, StepDraft? After);

    private readonly List<Item> _items = [];
    private readonly List<Section> _sections = [];
    private Section? _section;
    private string? _task;
    private int? _step;

    public ReaderState State { get; set; } = null!;

    public void StartSection(int line, int level, TaskDraft? task, StepDraft? after)
    {
        _section = new Section(line, level, task, after);
        _sections.Add(_section);
        _task = null;
        _step = null;
        State.Record(new MapDraft(line, line, MapElement.Expected, "section", after is null
            ? "result section: its results go to the steps its labels or queries name"
            : "result section: its results belong to the task and step it follows, or to those its labels name") { Task = task, Step = after });
    }

    public void EndSection() => _section = null;

    public void Add(Block block, string source)
    {
        if (_section is null) return;
        var line = block.Line + 1;
        switch (block)
        {
            case ParagraphBlock p when Headings.ExpectedLabel(MarkdownSlices.Of(source, p)) is { } label:
                if (label.Task is not null) { _task = label.Task; _step = label.Step; }
                else _step = label.Step;
                var rest = label.Rest.Trim('.', ':', ' ');
                State.Record(new MapDraft(line, line, MapElement.Expected, "label", $"label: {(label.Task is null ? "" : $"task {label.Task}")}{(label.Step is null ? "" : $" step {label.Step}")}".Trim()));
                if (rest.Length > 0) _items.Add(new Words(line, line, _task, _step, _section, label.Rest));
                break;
            case HeadingBlock h when Headings.ExpectedLabel(MarkdownWalker.InlineText(h.Inline)) is { } label:
                if (label.Task is not null) { _task = label.Task; _step = label.Step; }
                else _step = label.Step;
                break;
            case FencedCodeBlock or CodeBlock:
                var code = (LeafBlock)block;
                var lines = MarkdownSlices.CodeLines(code);
                var end = lines.Count == 0 ? line : lines[^1].Line + 1;
                _items.Add(new Panel(line, end, _task, _step, _section, lines, (code as FencedCodeBlock)?.Info, CodeSegment.Dedent(lines.Select(l => l.Text).ToList())));
                break;
            default:
                var text = MarkdownSlices.Of(source, block);
                _items.Add(new Words(line, line + text.Count(c => c == '\n'), _task, _step, _section, text));
                break;
        }
    }

    /// <summary>Puts what the sections hold on the steps of <paramref name="tasks"/>.</summary>
    public void Attach(IReadOnlyList<TaskDraft> tasks)
    {
        var filled = new HashSet<StepDraft>();
        foreach (var item in _items)
        {
            var scope = Scope(item, tasks);
            switch (item)
            {
                case Panel panel:
                    if (panel.Text.Trim().Length == 0)
                    {
                        State.Warnings.Add(new(panel.Line, "empty code block in the expected results: ignored"));
                        State.Record(new MapDraft(panel.Line, panel.EndLine, MapElement.Code, "empty", "empty code block: ignored"));
                        break;
                    }
                    if (PlacePanel(panel, scope, tasks) is { } placed)
                    {
                        filled.Add(placed.Step);
                        ResultTargets.Output(State, placed, panel.Text, panel.Line, panel.EndLine, completion: false,
                            $"expected output, compared (from the result section at line {panel.Section.Line})");
                    }
                    break;
                case Words words:
                    var step = Labelled(words, scope) ?? After(words.Section, scope) ?? scope.LastOrDefault(s => !s.IsManual) ?? scope.LastOrDefault();
                    if (step is null)
                    {
                        State.Warnings.Add(new(words.Line, "expected result with no step to attach to: kept in the introduction"));
                        State.Record(new MapDraft(words.Line, words.EndLine, MapElement.Text, "prose", "no step to attach to"));
                        break;
                    }
                    var part = step.Parts.LastOrDefault(p => p.Action is SqlAction or ShellAction) ?? step.Parts[^1];
                    if (filled.Contains(step) || part.HasComparableExpectation || part.Action is ManualAction)
                    {
                        // Words after a panel explain it: shown with the step.
                        part.Text.Add(words.Text);
                        State.Record(new MapDraft(words.Line, words.EndLine, MapElement.Text, "prose", "words after the expected output: shown with the step")
                        { Task = step.Task, Step = step, Part = part });
                        break;
                    }
                    ResultTargets.Prose(State, part, words.Text, words.Line, words.EndLine);
                    break;
            }
        }
    }

    /// <summary>The steps a result may go to: the labelled task's, else the task the section follows, else all.</summary>
    private List<StepDraft> Scope(Item item, IReadOnlyList<TaskDraft> tasks)
    {
        if (item.TaskLabel is { } label)
        {
            var task = tasks.FirstOrDefault(t => t.Label == label)
                       ?? (int.TryParse(label, System.Globalization.CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= tasks.Count ? tasks[n - 1] : null);
            if (task is not null) return task.Steps;
            State.Warnings.Add(new(item.Line, $"no task numbered {label}: using the task the section follows"));
        }
        if (item.Section.Task is { } own) return own.Steps;
        return tasks.SelectMany(t => t.Steps).ToList();
    }

    private PartDraft? PlacePanel(Panel panel, List<StepDraft> scope, IReadOnlyList<TaskDraft> tasks)
    {
        var echoed = Echoed(panel);
        if (echoed.Count > 0)
        {
            bool Echoes(PartDraft p) => p.Action is SqlAction sql && Contains(SqlText.NormalisedStatements(sql.Sql), echoed);
            var part = scope.SelectMany(s => s.Parts).LastOrDefault(Echoes) ?? tasks.SelectMany(t => t.Steps).SelectMany(s => s.Parts).LastOrDefault(Echoes);
            if (part is not null) return part;
        }
        var columns = Columns(panel.Text);
        StepDraft? step;
        if (Labelled(panel, scope) is { } labelled) step = labelled;
        else if (panel.TaskLabel is null && After(panel.Section, scope) is { } after && (columns.Count == 0 || Names(after, columns))) step = after;
        else
        {
            var candidates = scope.Where(s => columns.Count > 0 && Names(s, columns)).ToList();
            step = candidates.LastOrDefault(s => !s.Parts.Any(p => p.HasComparableExpectation)) ?? candidates.LastOrDefault();
            if (step is not null && candidates.Count > 1)
                State.Warnings.Add(new(panel.Line, $"expected result attached to \"{step.Title}\" of \"{step.Task.Title}\": the last step whose query names its columns ({string.Join(", ", columns)})", IsInfo: true));
        }
        if (step is null)
        {
            step = After(panel.Section, scope) ?? scope.LastOrDefault(s => !s.IsManual);
            if (step is null)
            {
                State.Warnings.Add(new(panel.Line, "expected result with no step to attach to: dropped"));
                State.Record(new MapDraft(panel.Line, panel.EndLine, MapElement.Text, "panel", "no step to attach to: dropped"));
                return null;
            }
            var why = echoed.Count > 0 ? "no step runs the query it shows" : "it shows no query";
            State.Warnings.Add(new(panel.Line, $"expected result attached to \"{step.Title}\" of \"{step.Task.Title}\" ({why})"));
        }
        var sqlParts = step.Parts.Where(p => p.Action is SqlAction).ToList();
        return sqlParts.LastOrDefault(p => columns.Count > 0 && PartNames(p, columns) && !p.HasComparableExpectation)
               ?? sqlParts.LastOrDefault()
               ?? step.Parts.LastOrDefault(p => p.Action is ShellAction)
               ?? step.Parts.LastOrDefault();
    }

    private static StepDraft? Labelled(Item item, List<StepDraft> scope) =>
        item.Step is { } n ? scope.FirstOrDefault(s => s.Number == n) ?? (n >= 1 && n <= scope.Count ? scope[n - 1] : null) : null;

    /// <summary>The step the section follows, when it is in scope and runs something.</summary>
    private static StepDraft? After(Section section, List<StepDraft> scope) =>
        section.After is { } after && scope.Contains(after) ? (after.IsManual ? scope.Take(scope.IndexOf(after) + 1).LastOrDefault(s => !s.IsManual) : after) : null;

    /// <summary>The columns of the tables a panel shows.</summary>
    private static List<string> Columns(string panel)
    {
        try
        {
            return ExpectedPanel.Parse(panel).Tables.SelectMany(t => t.Columns).Distinct().ToList();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return [];
        }
    }

    private static bool Names(StepDraft step, List<string> columns) => step.Parts.Any(p => PartNames(p, columns));

    /// <summary>Whether a part's SQL could print these columns: it names each (as a column, alias or function), or EXPLAINs for QUERY PLAN.</summary>
    private static bool PartNames(PartDraft part, List<string> columns)
    {
        if (part.Action is not SqlAction sql) return false;
        var text = sql.Sql.ToLowerInvariant();
        if (SelectStar().IsMatch(text)) return true; // SELECT * (or t.*) prints whatever columns the table has
        return columns.All(c =>
        {
            var name = c.ToLowerInvariant();
            if (name == "query plan") return text.Contains("explain", StringComparison.Ordinal);
            return System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![\w.]){System.Text.RegularExpressions.Regex.Escape(name)}(?!\w)");
        });
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\bselect\s+(?:distinct\s+)?\*|,\s*\*|\w\.\*")]
    private static partial System.Text.RegularExpressions.Regex SelectStar();

    private static bool Contains(IReadOnlyList<string> statements, IReadOnlyList<string> echoed) =>
        echoed.All(e => statements.Contains(e)) || statements.Count > 0 && echoed.Count > 0 && string.Join(" ", statements) == string.Join(" ", echoed);

    /// <summary>The statements a pasted transcript echoes after its prompt(s).</summary>
    private IReadOnlyList<string> Echoed(Panel panel)
    {
        var scratch = State.Psql.Copy();
        var analysis = new CodeBlockAnalyser(scratch, []).Analyse(panel.Lines, panel.Info, new BlockHints(SqlAction.MainSession));
        return analysis.Segments.Where(s => s.Kind == SegmentKind.Sql && s.FromTranscript)
            .SelectMany(s => SqlText.NormalisedStatements(s.Command)).ToList();
    }
}
