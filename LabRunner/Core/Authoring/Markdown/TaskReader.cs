using Markdig.Syntax;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Turns the blocks under one task heading into steps: "Paso N." paragraphs, numbered items and step headings open a
/// step; code blocks give it its action (or an expectation, when they hold only output); a code block with no step
/// before it is a step of its own; prose goes to the step (or task) it belongs to.
/// </summary>
internal sealed class TaskReader(TaskDraft task, string source, PsqlContext psql, List<ImportWarning> warnings, bool spanish)
{
    private readonly List<string> _pending = [];
    private StepDraft? _step;
    private int? _lastNumber;
    private List<string>? _carried;

    public void Add(Block block)
    {
        switch (block)
        {
            case HeadingBlock heading:
                {
                    var text = MarkdownWalker.InlineText(heading.Inline).Trim();
                    if (Headings.Step(text) is { } opener) Open(opener.Title, opener.Number, opener.Rest, Line(block));
                    else _pending.Add(Slice(block));
                    break;
                }
            case ParagraphBlock paragraph:
                {
                    var text = Slice(paragraph);
                    if (Headings.Step(text) is { } opener) Open(opener.Title, opener.Number, opener.Rest, Line(block));
                    else _pending.Add(text);
                    break;
                }
            case FencedCodeBlock or CodeBlock:
                Code((LeafBlock)block);
                break;
            case ListBlock { IsOrdered: true } list when list.Descendants<CodeBlock>().Any() || NextIsCode(list):
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var number = item.Order;
                    Open($"{StepWord} {number}.", number, "", Line(item));
                    foreach (var child in item) Add(child);
                }
                break;
            case ListBlock list when list.OfType<ListItemBlock>().Any(i => i.FirstOrDefault() is ParagraphBlock p && Headings.Step(Slice(p)) is not null):
                // "- Paso 1. ..." bullets: each item is read like the paragraphs it holds.
                foreach (var item in list.OfType<ListItemBlock>())
                    foreach (var child in item) Add(child);
                break;
            default:
                _pending.Add(Slice(block));
                break;
        }
    }

    public void End()
    {
        FlushPending();
        CloseStep(last: true);
        if (_carried is { Count: > 0 })
        {
            // Instructions with nothing to run after them: keep them with the last step, or the task.
            (task.Steps.LastOrDefault()?.Text ?? task.Text).AddRange(_carried);
            _carried = null;
        }
    }

    private string StepWord => spanish ? "Paso" : "Step";

    private void Open(string title, int? number, string rest, int line)
    {
        FlushPending();
        CloseStep(last: false);
        if (number is { } n)
        {
            var expected = (_lastNumber ?? 0) + 1;
            if (_lastNumber is { } previous && n <= previous)
                warnings.Add(new(line, $"\"{title}\" repeats or goes back from step {previous}: steps are numbered in the order they appear"));
            else if (_lastNumber is null && n != 1)
                warnings.Add(new(line, $"\"{title}\" is the first step of the task: steps are numbered in the order they appear"));
            else if (n != expected)
                warnings.Add(new(line, $"\"{title}\" skips from step {_lastNumber}: steps are numbered in the order they appear"));
            _lastNumber = n;
        }
        _step = new StepDraft(title, line, number);
        if (_carried is not null) { _step.Before.AddRange(_carried); _carried = null; }
        if (rest.Length > 0) _step.Text.Add(rest);
    }

    private void Code(LeafBlock block)
    {
        var info = (block as FencedCodeBlock)?.Info;
        var analysis = new CodeBlockAnalyser(psql, warnings).Analyse(MarkdownSlices.CodeLines(block), info);
        var line = Line(block);
        if (analysis.OutputOnly is { } output)
        {
            if (_step?.Action is not null)
            {
                FlushPending();
                SetExpectation(_step, output, line);
            }
            else
            {
                warnings.Add(new(line, "a block of output with no command before it: kept as text"));
                _pending.Add(Slice(block));
            }
            return;
        }
        if (analysis.Segments.Count == 0)
        {
            // Only a psql invocation (or \set PROMPT1): the step connects; what it says is kept with the next step.
            if (_step is not null && _step.Action is null) { FlushPending(); }
            return;
        }
        for (var i = 0; i < analysis.Segments.Count; i++)
        {
            var segment = analysis.Segments[i];
            if (_step is null || _step.Action is not null)
            {
                if (_step is null && i == 0 && _pending.Count == 0 && task.Steps.Count == 0 && _carried is null)
                    warnings.Add(new(line, "code block with no step (\"Paso N.\") before it: imported as a step of its own", IsInfo: true));
                else if (i > 0)
                    warnings.Add(new(segment.Line, $"code block mixes {Describe(analysis.Segments[i - 1])} and {Describe(segment)}: split into separate steps", IsInfo: true));
                var title = _step is not null && i > 0 ? _step.Title : $"{StepWord} {task.Steps.Count + (_step is null ? 1 : 2)}.";
                CloseStep(last: false);
                _step = new StepDraft(title, segment.Line, null);
                if (_carried is not null) { _step.Before.AddRange(_carried); _carried = null; }
            }
            FlushPending();
            _step.Action = ToAction(segment);
            if (BackupApiVariants.Applies(_step.Action.Command))
            {
                _step.Variants.Add(new StepVariant(BackupApiVariants.From15, _step.Action.WithCommand(BackupApiVariants.Rewrite(_step.Action.Command))));
                warnings.Add(new(segment.Line, "pg_start_backup/pg_stop_backup do not exist on PostgreSQL 15+: added a variant for >=15 using pg_backup_start/pg_backup_stop", IsInfo: true));
            }
            if (segment.OutputText is { } shown) SetExpectation(_step, shown, segment.Line);
        }
    }

    private void SetExpectation(StepDraft step, string panel, int line)
    {
        if (panel.Trim().Length == 0) return;
        if (step.Action is ShellAction)
        {
            var firstLine = panel.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
            step.Expect = new Expectation { OutputContains = firstLine };
            warnings.Add(new(line, "output shown after a shell command: checked as \"output contains\" its first line", IsInfo: true));
            return;
        }
        step.Expect = new Expectation { Panel = panel };
    }

    private static StepAction ToAction(CodeSegment segment) => segment.Kind == SegmentKind.Sql
        ? new SqlAction(segment.Command, segment.Session) { Database = segment.Database }
        : new ShellAction(segment.Command);

    private static string Describe(CodeSegment s) => s.Kind == SegmentKind.Shell ? "shell commands" : s.Session == SqlAction.MainSession ? "SQL" : $"SQL of session {s.Session}";

    private void FlushPending()
    {
        if (_pending.Count == 0) return;
        if (_step is not null) _step.Text.AddRange(_pending);
        else task.Text.AddRange(_pending);
        _pending.Clear();
    }

    private void CloseStep(bool last)
    {
        if (_step is null) return;
        if (_step.Action is null)
        {
            var text = new List<string>(_step.Before) { _step.Title };
            if (_step.Text.Count > 0) text[^1] = $"{_step.Title} {_step.Text[0]}";
            text.AddRange(_step.Text.Skip(1));
            warnings.Add(new(_step.Line, $"\"{_step.Title}\" has nothing to run: its text is shown with the {(last ? "previous" : "next")} step"));
            _carried = [.. _carried ?? [], .. text];
        }
        else task.Steps.Add(_step);
        _step = null;
    }

    private static bool NextIsCode(ListBlock list)
    {
        var parent = list.Parent;
        if (parent is null) return false;
        var index = parent.IndexOf(list);
        return index >= 0 && index + 1 < parent.Count && parent[index + 1] is FencedCodeBlock or CodeBlock;
    }

    private static int Line(Block block) => block.Line + 1;
    private string Slice(Block block) => MarkdownSlices.Of(source, block);
}
