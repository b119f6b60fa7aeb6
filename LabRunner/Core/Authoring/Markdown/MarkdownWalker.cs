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
    private readonly List<TaskDraft> _tasks = [];
    private readonly List<string> _introduction = [];
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
    private int? _lastTaskNumber;
    private readonly List<Block> _instructionProse = [];
    private bool _spanish;

    private MarkdownWalker(string source, string path)
    {
        _source = source.Replace("\r\n", "\n").Replace('\r', '\n');
        _path = path;
        _expected = new ExpectedResults(_warnings);
    }

    public static MarkdownImport Read(string markdown, string path) => new MarkdownWalker(markdown, path).Read();

    private MarkdownImport Read()
    {
        _spanish = Headings.LooksSpanish(_source) || !Headings.LooksEnglish(_source);
        MarkdownDocument document;
        try { document = Markdig.Markdown.Parse(_source, Pipeline); }
        catch (Exception e)
        {
            // Markdig does not throw on any text we know of; if it ever does, the lab is still not a crash.
            _warnings.Add(new(0, $"the Markdown could not be parsed ({e.Message})"));
            document = [];
        }
        foreach (var block in document) Visit(block);
        EndSection();
        var lab = Build();
        return new MarkdownImport(lab, _warnings.OrderBy(w => w.Line).ToList());
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
                _expected.Add(block, _source);
                break;
            case SectionKind.Objectives:
                Objectives(block);
                break;
            case SectionKind.Duration:
                _duration ??= Duration(block);
                break;
            case SectionKind.Instructions:
                if (block is FencedCodeBlock or CodeBlock || block is ListBlock { IsOrdered: true })
                {
                    // Steps with no task heading above them: one task named after the section.
                    StartTask(_sectionTitle.TrimEnd(':', ' '), _sectionLine, null, fromSection: false);
                    _warnings.Add(new(Line(block), "steps outside any \"Tarea N.\" heading: they form one task named after the section"));
                    foreach (var prose in _instructionProse) _task!.Add(prose);
                    _instructionProse.Clear();
                    _task!.Add(block);
                }
                else _instructionProse.Add(block);
                break;
            default:
                _introduction.Add(Slice(block));
                break;
        }
    }

    private void Heading(HeadingBlock heading)
    {
        var text = InlineText(heading.Inline).Trim();
        var line = Line(heading);
        if (heading.Level == 1 && _title is null) { _title = text; return; }
        var kind = Headings.Classify(text);
        if (_task is not null && _section is SectionKind.Task or SectionKind.Other && heading.Level > _taskLevel && kind is not SectionKind.Expected and not SectionKind.Task)
        {
            _task.Add(heading);
            return;
        }
        if (kind == SectionKind.Other && _section is SectionKind.Instructions or SectionKind.Task && heading.Level > 2)
            kind = SectionKind.Task; // any H3 under "Instrucciones" is a task
        if (kind == SectionKind.Task && _section == SectionKind.Instructions) _sectionHasContent = true;
        EndSection();
        _section = kind;
        _sectionLine = line;
        _sectionTitle = text;
        _sectionHasContent = false;
        switch (kind)
        {
            case SectionKind.Task:
                _taskLevel = heading.Level;
                StartTask(text, line, Headings.TaskNumber(text), fromSection: false);
                _sectionHasContent = true;
                break;
            case SectionKind.Other:
                StartTask(text, line, null, fromSection: true);
                _sectionHasContent = true;
                break;
            case SectionKind.Expected:
                _expected.StartSection(line);
                break;
            case SectionKind.Introduction:
                if (_introduction.Count > 0 || heading.Level > 1 && Headings.Plain(text) is not ("introduccion" or "introduction"))
                    _introduction.Add(Slice(heading));
                break;
        }
    }

    private void StartTask(string title, int line, int? number, bool fromSection)
    {
        if (number is { } n)
        {
            if (_lastTaskNumber is { } previous && n <= previous)
                _warnings.Add(new(line, $"\"{title}\" repeats or goes back from task {previous}"));
            else if (n != (_lastTaskNumber ?? 0) + 1)
                _warnings.Add(new(line, $"\"{title}\" skips from task {_lastTaskNumber ?? 0}: \"Tarea {n}.\" labels in expected results still refer to it"));
            _lastTaskNumber = n;
        }
        var draft = new TaskDraft(title, line, number, fromSection);
        _tasks.Add(draft);
        _task = new TaskReader(draft, _source, _psql, _warnings, _spanish);
        if (!fromSection) _section = SectionKind.Task;
    }

    private void EndSection()
    {
        // Prose under "Instrucciones" before the first task introduces the tasks.
        _introduction.AddRange(_instructionProse.Select(Slice));
        _instructionProse.Clear();
        _task?.End();
        _task = null;
        if (!_sectionHasContent && _section is SectionKind.Objectives or SectionKind.Duration or SectionKind.Help or SectionKind.Introduction or SectionKind.Expected or SectionKind.Instructions)
            _warnings.Add(new(_sectionLine, $"section \"{_sectionTitle}\" is empty", IsInfo: true));
        _sectionHasContent = true;
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

    private static int Line(Block block) => block.Line + 1;
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
