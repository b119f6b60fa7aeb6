using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LabRunner.Tui;

/// <summary>
/// The Markdig pipeline of the instructions view. Terminal.Gui's Markdown view draws a hard line break as a space and
/// wraps a paragraph itself, and it will not break a line inside parentheses: "(su configuración … modificó):" was cut
/// mid-word at the edge. <see cref="ScreenText.WrapMarkdown"/> wraps at word boundaries with hard breaks; this pipeline
/// makes each of those lines a paragraph of its own on the next source line (the view puts no blank line between
/// paragraphs on consecutive lines), so the lines are drawn as they were wrapped.
/// </summary>
public static class MarkdownLines
{
    public static MarkdownPipeline Pipeline { get; } = Build();

    private static MarkdownPipeline Build()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();
        builder.DocumentProcessed += SplitAtHardBreaks;
        return builder.Build();
    }

    private static void SplitAtHardBreaks(MarkdownDocument document)
    {
        foreach (var paragraph in document.Descendants<ParagraphBlock>().ToList())
        {
            if (paragraph.Inline is not { } inline || paragraph.Parent is not { } parent
                || !inline.Any(i => i is LineBreakInline { IsHard: true })) continue;
            var children = inline.ToList();
            foreach (var child in children) child.Remove();
            var current = paragraph;
            var at = parent.IndexOf(paragraph);
            var line = paragraph.Line;
            foreach (var child in children)
            {
                if (child is LineBreakInline { IsHard: true })
                {
                    current = new ParagraphBlock { Line = ++line, Inline = new ContainerInline() };
                    parent.Insert(++at, current);
                    continue;
                }
                current.Inline!.AppendChild(child);
            }
        }
    }
}
