using Markdig.Syntax;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Gathers the blocks under one task into its steps, as the lab numbers them: "Paso N." paragraphs and headings, bold
/// "**Step N.**", numbered items that hold (or are followed by) code, bullets that hold code when the task has no Pasos.
/// Everything up to the next opener belongs to the step, however many code blocks it has; a step's blocks are read
/// (<see cref="StepInterpreter"/>) when the next step opens or the task ends.
/// </summary>
internal sealed partial class TaskReader(TaskDraft task, string source, ReaderState state)
{
    private readonly List<string> _pending = [];
    private StepDraft? _step;
    private bool _pasoOpened;

    public TaskDraft Task => task;
    public StepDraft? CurrentStep => _step;
    /// <summary>The last step read (the one a result section after it belongs to).</summary>
    public StepDraft? LastStep => _step ?? task.Steps.LastOrDefault();

    public void Add(Block block)
    {
        if (Questions(block)) return;
        if (HiddenAnswer(block)) return;
        switch (block)
        {
            case HeadingBlock heading:
                {
                    var text = MarkdownWalker.InlineText(heading.Inline).Trim();
                    if ((Headings.Step(text) ?? Headings.NumberedHeading(text)) is { } opener) Open(opener.Title, opener.Number, opener.Rest, Line(block), paso: true);
                    else Item(block);
                    break;
                }
            case ParagraphBlock paragraph:
                {
                    var text = Slice(paragraph);
                    if (Headings.Step(text) is { } opener) Open(opener.Title, opener.Number, opener.Rest, Line(block), paso: true);
                    else Item(block);
                    break;
                }
            case FencedCodeBlock or CodeBlock:
                if (_step is null && !Runnable((LeafBlock)block))
                {
                    Preamble((LeafBlock)block);
                    break;
                }
                if (_step is null && _introduction is { } intro)
                {
                    // "Put the default back and reload:" then the code: the sentence opens the step and names it.
                    _pending.RemoveAt(_pending.Count - 1);
                    var words = Slice(intro);
                    Open(StepTitles.Plain(words), null, "", Line(intro), paso: false, bullet: words);
                }
                if (_step is null)
                {
                    if (!task.Implicit || task.Steps.Count > 0) state.Warnings.Add(new(Line(block), "code block with no step (\"Paso N.\") before it: imported as a step of its own", IsInfo: true));
                    Open(state.Spanish ? "Paso" : "Step", null, "", Line(block), paso: false);
                }
                Item(block);
                break;
            case ListBlock list when list.OfType<ListItemBlock>().Any(i => i.FirstOrDefault() is ParagraphBlock p && Headings.Step(Slice(p)) is not null):
                // "- Paso 1. ..." bullets: each item is read like the blocks it holds.
                foreach (var item in list.OfType<ListItemBlock>())
                    foreach (var child in item) Add(child);
                break;
            case ListBlock list when _pasoOpened && _step is not null:
                Contents(list);
                break;
            case ListBlock { IsOrdered: true } list when list.Descendants<CodeBlock>().Any() || NextIsCode(list) || ContinuesSteps(list):
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var first = item.FirstOrDefault() as ParagraphBlock;
                    var description = first is null ? "" : Slice(first);
                    Open($"{item.Order}{list.OrderedDelimiter}", item.Order, description, Line(item), paso: false);
                    foreach (var child in item.Skip(first is null ? 0 : 1)) Add(child);
                }
                break;
            case ListBlock { IsOrdered: false } list when _step is null && list.Descendants<CodeBlock>().Any():
                // Bullets that hold commands in a task without Pasos: each bullet is a step named by its words.
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var first = item.FirstOrDefault() as ParagraphBlock;
                    var words = first is null ? "" : StepTitles.Plain(Slice(first));
                    Open(words, null, "", Line(item), paso: false, bullet: first is null ? "" : Slice(first));
                    foreach (var child in item.Skip(first is null ? 0 : 1)) Add(child);
                }
                break;
            case ListBlock list when _step is not null && list.Descendants<CodeBlock>().Any():
                Contents(list);
                break;
            default:
                Item(block);
                break;
        }
    }

    /// <summary>Under "**Preguntas:**" in a task: the questions' blocks, until the next heading or step.</summary>
    private int? _questionsLine;

    /// <summary>
    /// A "**Preguntas:**" / "Questions:" paragraph in a task starts questions for the student: their code is what the
    /// student is asked about, never a step (it would run, or be glued to the step before). Returns whether the block
    /// was taken as part of the questions.
    /// </summary>
    private bool Questions(Block block)
    {
        if (block is ParagraphBlock label && Headings.IsQuestionsLabel(Slice(label)))
        {
            CloseStep();
            _questionsLine = Line(block);
            _pending.Add(Slice(block));
            _introduction = null;
            return true;
        }
        if (_questionsLine is not { } at) return false;
        var opensStep = block is HeadingBlock || block is ParagraphBlock p && Headings.Step(Slice(p)) is not null;
        if (opensStep) { _questionsLine = null; return false; }
        ShownNeverRun(block, "question", "code under a questions label (questions for the student): shown, never run",
            $"code under the questions label of line {at}: shown with the task, never run");
        return true;
    }

    /// <summary>A block kept with the task's text whose code is never run (questions, hidden answers): mapped and said so.</summary>
    private void ShownNeverRun(Block block, string kind, string mapNote, string warning)
    {
        _pending.Add(Slice(block));
        IEnumerable<CodeBlock> codes = block is CodeBlock own ? [own] : block is ContainerBlock container ? container.Descendants<CodeBlock>() : [];
        foreach (var code in codes)
        {
            var lines = MarkdownSlices.CodeLines(code);
            state.Record(new MapDraft(Line(code), lines.Count == 0 ? Line(code) : lines[^1].Line + 1, MapElement.Text, kind, mapNote) { Task = task });
            state.Warnings.Add(new(Line(code), warning, IsInfo: true));
        }
    }

    /// <summary>Line of an open `&lt;details&gt;` whose summary names a solution, an answer or a hint.</summary>
    private int? _answerLine;

    /// <summary>
    /// `&lt;details&gt;&lt;summary&gt;Solution&lt;/summary&gt;` … `&lt;/details&gt;` in a task: an answer the student opens
    /// after trying, never a step (it would do the exercise for them, or run twice). Returns whether the block was
    /// taken as part of it. A challenge step with no command of its own keeps its answer as its command.
    /// </summary>
    private bool HiddenAnswer(Block block)
    {
        if (block is HtmlBlock html)
        {
            var text = Slice(html);
            var closes = text.Contains("</details>", StringComparison.OrdinalIgnoreCase);
            if (_answerLine is null && (!AnswerDetails().IsMatch(text) || closes)) return false;
            // "e) **Reto:** escriba una consulta…" then the solution: a step with no command of its own is that answer
            // (run, so a check proves it), not a "try it" after a step that already did its work.
            if (_answerLine is null && _step is not null && !_step.Items.OfType<CodeItem>().Any()) return false;
            _answerLine = closes ? null : _answerLine ?? Line(block);
            _pending.Add(text);
            return true;
        }
        if (_answerLine is not { } at) return false;
        ShownNeverRun(block, "answer", "code in a hidden answer (<details>): shown, never run",
            $"code in the hidden answer of line {at}: shown with the task, never run");
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"<details\b[^>]*>.*?<summary\b[^>]*>.*?\b(?:solutions?|answers?|hints?|soluci(?:o|ó)n(?:es)?|respuestas?|pistas?)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex AnswerDetails();

    public void End()
    {
        CloseStep();
        task.Text.AddRange(_pending);
        _pending.Clear();
    }

    /// <summary>Reads the open step (its blocks are complete): before a result section or the next step.</summary>
    public void CloseStep()
    {
        if (_step is null) return;
        StepInterpreter.Interpret(state, _step);
        task.Steps.Add(_step);
        _step = null;
    }

    private void Open(string label, int? number, string rest, int line, bool paso, string? bullet = null)
    {
        CloseStep();
        _introduction = null;
        if (paso) _pasoOpened = true;
        if (number is { } n)
        {
            var previous = task.Steps.LastOrDefault(s => s.Number is not null)?.Number;
            if (previous is { } p && n <= p)
                state.Warnings.Add(new(line, $"\"{label}\" repeats or goes back from step {p}: the step keeps the lab's number"));
            else if (previous is { } p2 && n != p2 + 1)
                state.Warnings.Add(new(line, $"\"{label}\" skips from step {p2}: the step keeps the lab's number"));
            else if (previous is null && n != 1 && n != (state.LastStepNumber ?? 0) + 1)
                state.Warnings.Add(new(line, $"\"{label}\" is the first step of the task: the step keeps the lab's number"));
            state.LastStepNumber = n;
        }
        _step = new StepDraft(label, line, number, bullet is null ? rest : "") { Task = task };
        if (bullet is not null && bullet.Length > 0) _step.Items.Add(new ProseItem(line, new ParagraphBlock(), bullet, StepTitles.Plain(bullet)));
    }

    /// <summary>The paragraph just before, with no step open, when it ends with ':' (it introduces what follows).</summary>
    private ParagraphBlock? _introduction;

    private void Item(Block block)
    {
        if (_step is null)
        {
            _pending.Add(Slice(block));
            InlineContext(block);
            _introduction = block is ParagraphBlock p && Slice(p).TrimEnd().EndsWith(':') ? p : null;
            return;
        }
        if (block is QuoteBlock quote && QuotedOutput.Of(quote, _step.Items.LastOrDefault(), source) is { } output)
        {
            _step.Items.Add(output);
            return;
        }
        _step.Items.Add(block is FencedCodeBlock or CodeBlock
            ? new CodeItem(Line(block), block, MarkdownSlices.CodeLines((LeafBlock)block), (block as FencedCodeBlock)?.Info, Slice(block))
            : new ProseItem(Line(block), block, Slice(block), block is HeadingBlock h ? MarkdownWalker.InlineText(h.Inline) : Slice(block)));
    }

    /// <summary>A list inside a step that holds code: its paragraphs and code blocks, in order, are the step's.</summary>
    private void Contents(ListBlock list)
    {
        foreach (var item in list.OfType<ListItemBlock>())
            foreach (var child in item)
            {
                if (child is ListBlock inner && inner.Descendants<CodeBlock>().Any()) Contents(inner);
                else Item(child);
            }
    }

    /// <summary>A block before the task's first step that runs nothing (`psql -d curso`): it sets the database, it is not a step.</summary>
    private void Preamble(LeafBlock block)
    {
        var lines = MarkdownSlices.CodeLines(block);
        var analysis = new CodeBlockAnalyser(state.Psql, state.Warnings).Analyse(lines, (block as FencedCodeBlock)?.Info, new BlockHints(state.Session));
        foreach (var (line, note) in analysis.Notes) state.Warnings.Add(new(line, note, IsInfo: true));
        _pending.Add(Slice(block));
        _introduction = null;
        var end = lines.Count == 0 ? Line(block) : lines[^1].Line + 1;
        state.Record(new MapDraft(Line(block), end, MapElement.Code, analysis.Role == BlockRole.OpensOnly ? "opens psql" : analysis.Role.ToString().ToLowerInvariant(),
            analysis.Notes.Count > 0 ? string.Join("; ", analysis.Notes.Select(n => n.Note)) : "shown with the task's text, not run") { Task = task });
    }

    private void InlineContext(Block block) => ProseConnections.Apply(state, Slice(block), Line(block));

    /// <summary>Whether a block would run anything (read on a copy of the context: nothing is remembered).</summary>
    private bool Runnable(LeafBlock block)
    {
        var analysis = new CodeBlockAnalyser(state.Psql.Copy(), []).Analyse(MarkdownSlices.CodeLines(block), (block as FencedCodeBlock)?.Info, new BlockHints(state.Session));
        return analysis.Role is BlockRole.Commands or BlockRole.Config or BlockRole.Output;
    }

    /// <summary>
    /// "7. Now fill in the table..." between numbered items that hold code ("6. Run:", "8. Run:"): the lab's numbering
    /// goes on, so the item is a step of its own (manual when it runs nothing), not text of the step before.
    /// </summary>
    private bool ContinuesSteps(ListBlock list)
    {
        var last = _step ?? task.Steps.LastOrDefault();
        return last is { Number: { } n } && last.Label == $"{n}{list.OrderedDelimiter}"
               && list.OfType<ListItemBlock>().FirstOrDefault()?.Order == n + 1;
    }

    private static bool NextIsCode(ListBlock list)
    {
        var parent = list.Parent;
        if (parent is null) return false;
        var index = parent.IndexOf(list);
        return index >= 0 && index + 1 < parent.Count && parent[index + 1] is FencedCodeBlock or CodeBlock;
    }

    private int Line(Block block) => MarkdownSlices.LineOf(source, block);
    private string Slice(Block block) => MarkdownSlices.Of(source, block);
}
