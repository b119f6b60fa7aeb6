using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Walks the Markdig syntax tree of a lab written in the course's Markdown (title, objectives, duration, "Tarea N." tasks made of "Paso N." steps
/// with code blocks, "Resultado esperado" panels) into a <see cref="Lab"/>, walking Markdig's syntax tree.
/// Never throws for odd input: whatever it cannot map exactly becomes a warning with the Markdown line.
/// </summary>
internal sealed partial class MarkdownWalker
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePreciseSourceLocation().Build();

    private readonly string _source;
    private readonly string _path;
    private readonly List<ImportWarning> _warnings = [];
    private readonly PsqlContext _psql = new();
    private readonly SessionNames _names = new();
    private ReaderState _state = null!;
    private readonly List<TaskDraft> _tasks = [];
    private readonly List<string> _introduction = [];
    /// <summary>The "Tabla de ayuda" section's blocks, kept as the lab's help.</summary>
    private readonly List<string> _help = [];
    private readonly List<string> _objectives = [];
    private readonly List<LabImage> _images = [];
    private readonly ExpectedResults _expected;
    private string? _title;
    private string? _duration;
    private TaskReader? _task;
    private SectionKind _section = SectionKind.Introduction;
    private int _sectionLine;
    private bool _sectionHasContent = true;
    private string _sectionTitle = "";
    private int _taskLevel = int.MaxValue;
    private string? _lastTaskLabel;
    private readonly List<Block> _instructionProse = [];
    private bool _spanish;

    private MarkdownWalker(string source, string path)
    {
        _source = FrontMatter.Blank(source.Replace("\r\n", "\n").Replace('\r', '\n'));
        _path = path;
        _expected = new ExpectedResults();
    }

    public static MarkdownImport Read(string markdown, string path) => new MarkdownWalker(markdown, path).Read();

    private MarkdownImport Read()
    {
        _spanish = LabLanguage.IsSpanish(_source);
        MarkdownDocument document;
        try { document = Markdig.Markdown.Parse(_source, Pipeline); }
        catch (Exception e)
        {
            // Markdig does not throw on any text we know of; if it ever does, the lab is still not a crash.
            _warnings.Add(new(0, $"the Markdown could not be parsed ({e.Message})"));
            document = [];
        }
        _state = new ReaderState(_psql, _names, _warnings, _spanish);
        _expected.State = _state;
        _names.Learn(ProseOf(document));
        foreach (var block in document) Visit(block);
        EndSection();
        // A course lab's tasks build on each other without saying so in a form LabRunner reads: the reader says it
        // (needs:), so `check --task` on a later task runs what it builds on first.
        var lab = TaskDependencies.Infer(Build());
        return new MarkdownImport(lab, _warnings.OrderBy(w => w.Line).ToList()) { Map = _map };
    }

    /// <summary>Every word of the lab that is not code, in order: where it names its sessions and terminals.</summary>
    private string ProseOf(MarkdownDocument document)
    {
        var text = new System.Text.StringBuilder();
        foreach (var block in document.Descendants().OfType<LeafBlock>())
            if (block is not FencedCodeBlock and not CodeBlock) text.Append(MarkdownSlices.Of(_source, block)).Append('\n');
        return text.ToString();
    }

    private void Visit(Block block)
    {
        if (block is HeadingBlock heading) { Heading(heading); return; }
        if (IsComment(block)) return;
        _sectionHasContent = true;
        CollectImages(block, inExpected: _section == SectionKind.Expected);
        switch (_section)
        {
            case SectionKind.Task:
            case SectionKind.Other:
                _task!.Add(block);
                break;
            case SectionKind.Expected:
                if (_task is not null && block is ParagraphBlock p && Headings.Step(Slice(p)) is not null && NextRunsCommands(p))
                {
                    // "Paso 6." after a result section, with commands under it: the task goes on.
                    _expected.EndSection();
                    _section = SectionKind.Task;
                    _task.Add(block);
                    break;
                }
                _expected.Add(block, _source);
                break;
            case SectionKind.Objectives:
                Objectives(block);
                if (block is ParagraphBlock) InlineContext(block); // "Trabaje en la base `curso` (`psql curso`)." under the objectives
                break;
            case SectionKind.Questions:
                Question(block);
                break;
            case SectionKind.Duration:
                _duration ??= Duration(block);
                break;
            case SectionKind.Help:
                _help.Add(Slice(block));
                break;
            case SectionKind.Instructions:
                if (block is FencedCodeBlock or CodeBlock && !Runnable((LeafBlock)block))
                {
                    // `sudo -u postgres psql curso` under the instructions: it chooses the database, it is no step.
                    _instructionProse.Add(block);
                    OpensOnly((LeafBlock)block);
                }
                else if (block is FencedCodeBlock or CodeBlock || block is ListBlock { IsOrdered: true } list && (list.Descendants<CodeBlock>().Any() || FollowedByCode(list))
                         || block is ParagraphBlock para && Headings.Step(Slice(para)) is not null)
                {
                    // Steps with no task heading above them: one task named after the section.
                    StartTask(_sectionTitle.TrimEnd(':', ' '), Line(block), null, fromSection: false, implicitTask: true);
                    _warnings.Add(new(Line(block), "steps outside any \"Tarea N.\" heading: they form one task named after the section"));
                    foreach (var prose in _instructionProse) _task!.Add(prose);
                    _instructionProse.Clear();
                    _task!.Add(block);
                }
                else
                {
                    _instructionProse.Add(block);
                    InlineContext(block);
                }
                break;
            default:
                _introduction.Add(Slice(block));
                // The connection the text under the title names (`psql uni`) is the lab's; other inline code there names tools as often.
                if (block is ParagraphBlock) ProseConnections.PsqlInvocations(_state, Slice(block), Line(block));
                if (block is FencedCodeBlock or CodeBlock)
                {
                    var lines = MarkdownSlices.CodeLines((LeafBlock)block);
                    var texts = lines.Select(l => l.Text).ToList();
                    var what = BlockShapes.IsDiagram(texts) ? "diagram" : "text";
                    _state.Record(new MapDraft(Line(block), lines.Count == 0 ? Line(block) : lines[^1].Line + 1, MapElement.Text, what,
                        $"{(what == "diagram" ? "an ASCII diagram" : "a code block")} in section \"{_sectionTitle}\": kept in the introduction, never run"));
                }
                break;
        }
    }

    private void Heading(HeadingBlock heading)
    {
        var text = InlineText(heading.Inline).Trim();
        var line = Line(heading);
        if (heading.Level == 1 && _title is null) { _title = text; return; }
        var kind = Headings.Classify(text);
        // "## Paso 3: Sesión B actualiza...": a step wherever it is, in the task open (or one made for it).
        if (Headings.Step(text) is not null && kind != SectionKind.Expected && _section is SectionKind.Task or SectionKind.Other or SectionKind.Instructions or SectionKind.Expected)
        {
            if (_section == SectionKind.Expected) _expected.EndSection();
            if (_task is null)
            {
                StartTask(_sectionTitle.TrimEnd(':', ' '), line, null, fromSection: false, implicitTask: true);
                foreach (var prose in _instructionProse) _task!.Add(prose);
                _instructionProse.Clear();
            }
            _section = SectionKind.Task;
            _sectionHasContent = true;
            _task!.Add(heading);
            return;
        }
        if (_task is not null && _section is SectionKind.Task or SectionKind.Other && heading.Level > _taskLevel && kind is not SectionKind.Expected and not SectionKind.Task and not SectionKind.Questions)
        {
            _task.Add(heading);
            return;
        }
        if (kind == SectionKind.Other && _section is SectionKind.Instructions or SectionKind.Task or SectionKind.Expected && heading.Level > 2)
            kind = SectionKind.Task; // any H3 under "Instrucciones" is a task
        if (kind == SectionKind.Task && _section == SectionKind.Instructions) _sectionHasContent = true;
        if (kind == SectionKind.Expected)
        {
            // A result section belongs to the task it follows (and the step it follows): the task stays open.
            EndPlainSection();
            _task?.CloseStep();
            _section = kind;
            _sectionLine = line;
            _sectionTitle = text;
            _sectionHasContent = false;
            _expected.StartSection(line, heading.Level, _task?.Task, _task?.LastStep);
            return;
        }
        EndSection();
        _section = kind;
        _sectionLine = line;
        _sectionTitle = text;
        _sectionHasContent = false;
        switch (kind)
        {
            case SectionKind.Task:
                _taskLevel = heading.Level;
                StartTask(text, line, Headings.TaskLabel(text), fromSection: false);
                _sectionHasContent = true;
                break;
            case SectionKind.Other:
                _taskLevel = heading.Level;
                StartTask(text, line, null, fromSection: true);
                _sectionHasContent = true;
                break;
            case SectionKind.Questions:
                StartQuestions(heading);
                break;
            case SectionKind.Introduction:
                if (_introduction.Count > 0 || heading.Level > 1 && Headings.Plain(text) is not ("introduccion" or "introduction"))
                    _introduction.Add(Slice(heading));
                break;
        }
    }

    private void StartTask(string title, int line, string? label, bool fromSection, bool implicitTask = false)
    {
        if (label is not null && int.TryParse(label, System.Globalization.CultureInfo.InvariantCulture, out var n)
            && (_lastTaskLabel is null || int.TryParse(_lastTaskLabel, System.Globalization.CultureInfo.InvariantCulture, out _)))
        {
            var previous = _lastTaskLabel is null ? 0 : int.Parse(_lastTaskLabel, System.Globalization.CultureInfo.InvariantCulture);
            if (_lastTaskLabel is not null && n <= previous)
                _warnings.Add(new(line, $"\"{title}\" repeats or goes back from task {previous}"));
            else if (n != previous + 1)
                _warnings.Add(new(line, $"\"{title}\" skips from task {previous}: \"Tarea {n}.\" labels in expected results still refer to it"));
        }
        if (label is not null) _lastTaskLabel = label;
        var draft = new TaskDraft(title, line, label, fromSection) { Implicit = implicitTask };
        _tasks.Add(draft);
        _task = new TaskReader(draft, _source, _state);
        if (!fromSection) _section = SectionKind.Task;
    }

    private void EndSection()
    {
        EndPlainSection();
        if (_section == SectionKind.Expected) _expected.EndSection();
        _task?.End();
        _task = null;
    }

    private void EndPlainSection()
    {
        if (_section == SectionKind.Questions) EndQuestions();
        // Prose under "Instrucciones" before the first task introduces the tasks.
        _introduction.AddRange(_instructionProse.Select(Slice));
        _instructionProse.Clear();
        if (!_sectionHasContent && _section is SectionKind.Objectives or SectionKind.Duration or SectionKind.Help or SectionKind.Introduction or SectionKind.Expected or SectionKind.Instructions)
            _warnings.Add(new(_sectionLine, $"section \"{_sectionTitle}\" is empty", IsInfo: true));
        _sectionHasContent = true;
    }

    /// <summary>Whether a block would run anything (read on a copy of the context: nothing is remembered).</summary>
    private bool Runnable(LeafBlock block)
    {
        var analysis = new CodeBlockAnalyser(_psql.Copy(), []).Analyse(MarkdownSlices.CodeLines(block), (block as FencedCodeBlock)?.Info, new BlockHints(_state.Session));
        return analysis.Role is BlockRole.Commands or BlockRole.Config or BlockRole.Output;
    }

    private void OpensOnly(LeafBlock block)
    {
        var lines = MarkdownSlices.CodeLines(block);
        var analysis = new CodeBlockAnalyser(_psql, _warnings).Analyse(lines, (block as FencedCodeBlock)?.Info, new BlockHints(_state.Session));
        foreach (var (l, note) in analysis.Notes) _warnings.Add(new(l, note, IsInfo: true));
        var end = lines.Count == 0 ? Line(block) : lines[^1].Line + 1;
        var what = analysis.Role switch { BlockRole.OpensOnly => "opens psql", BlockRole.Diagram => "diagram", BlockRole.Empty => "empty", _ => "text" };
        _state.Record(new MapDraft(Line(block), end, MapElement.Code, what,
            analysis.Notes.Count > 0 ? string.Join("; ", analysis.Notes.Select(n => n.Note)) : "shown with the instructions, not run"));
    }

    private void InlineContext(Block block) => ProseConnections.Apply(_state, Slice(block), Line(block));

    private bool NextRunsCommands(Block block)
    {
        var parent = block.Parent;
        var index = parent?.IndexOf(block) ?? -1;
        return parent is not null && index + 1 < parent.Count && parent[index + 1] is FencedCodeBlock or CodeBlock
               && new CodeBlockAnalyser(_psql.Copy(), []).Analyse(MarkdownSlices.CodeLines((LeafBlock)parent[index + 1]), (parent[index + 1] as FencedCodeBlock)?.Info, new BlockHints(_state.Session))
                   is { Role: BlockRole.Commands, Prompted: false };
    }

    private static bool FollowedByCode(ListBlock list)
    {
        var parent = list.Parent;
        var index = parent?.IndexOf(list) ?? -1;
        return parent is not null && index >= 0 && index + 1 < parent.Count && parent[index + 1] is FencedCodeBlock or CodeBlock;
    }

    private void Objectives(Block block)
    {
        switch (block)
        {
            case ListBlock list:
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var text = string.Join("\n\n", item.Select(Slice)).Trim();
                    if (text.Length > 0) _objectives.Add(text);
                }
                break;
            case ParagraphBlock p when Slice(p).TrimEnd().EndsWith(':'):
                break; // "Al finalizar la práctica, serás capaz de:" introduces the list
            default:
                var slice = Slice(block).Trim();
                if (slice.Length > 0) _objectives.Add(slice);
                break;
        }
    }

    private string? Duration(Block block)
    {
        var text = block switch
        {
            ListBlock list => list.OfType<ListItemBlock>().Select(i => string.Join(" ", i.Select(Slice))).FirstOrDefault(),
            _ => Slice(block),
        };
        text = text?.Trim().TrimEnd('.').Trim();
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private void CollectImages(Block block, bool inExpected)
    {
        foreach (var image in MarkdownSlices.Images(block))
        {
            var url = image.Url ?? "";
            var alt = InlineText(image).Trim();
            var line = image.Line + 1;
            if (inExpected) continue; // reported as not checkable by ExpectedResults
            if (_images.Any(i => i.Path == url)) continue;
            var external = url.StartsWith("../", StringComparison.Ordinal) || url.StartsWith('/') || url.Contains("://");
            _images.Add(new LabImage(url, alt.Length == 0 ? null : alt) { External = external });
            if (external)
                _warnings.Add(new(line, $"image \"{url}\" lies outside the lab's folder: kept as an external reference (copy it next to the lab to ship it)", IsInfo: true));
        }
    }

    private int Line(Block block) => MarkdownSlices.LineOf(_source, block);
    private string Slice(Block block) => MarkdownSlices.Of(_source, block);

    private static bool IsComment(Block block) =>
        block is HtmlBlock html && html.Type == HtmlBlockType.Comment;

    internal static string InlineText(ContainerInline? container)
    {
        if (container is null) return "";
        var text = new System.Text.StringBuilder();
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case LineBreakInline: text.Append(' '); break;
                case LinkInline { IsImage: true }: break;
                case ContainerInline inner: text.Append(InlineText(inner)); break;
                case HtmlEntityInline entity: text.Append(entity.Transcoded.ToString()); break;
            }
        }
        return text.ToString();
    }
}
