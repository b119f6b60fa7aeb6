using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace LabRunner.Authoring.Markdown;

/// <summary>The author's own Markdown for a block, cut from the source so that the text is kept word for word.</summary>
internal static class MarkdownSlices
{
    public static string Of(string source, Block block)
    {
        var start = Math.Clamp(block.Span.Start, 0, source.Length);
        var end = Math.Clamp(block.Span.End + 1, start, source.Length);
        var text = source[start..end];
        // A block nested in a list item starts after its marker; later lines keep the item's indentation.
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        if (lines.Count > 1)
        {
            var indent = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
            var column = block.Column;
            var cut = Math.Min(indent, column);
            if (cut > 0) lines = [lines[0], .. lines.Skip(1).Select(l => l.Length >= cut ? l[cut..] : l.TrimStart())];
        }
        return string.Join("\n", lines).Trim('\n');
    }

    /// <summary>
    /// The Markdown line (1-based) where a block starts. A setext heading ("Tarea 1" over "=======") starts on its text,
    /// where Markdig's Line points at the underline.
    /// </summary>
    public static int LineOf(string source, Block block)
    {
        if (block is not HeadingBlock { IsSetext: true }) return block.Line + 1;
        var end = Math.Clamp(block.Span.Start, 0, source.Length);
        var line = 1;
        for (var i = 0; i < end; i++) if (source[i] == '\n') line++;
        return line;
    }

    /// <summary>Every image (![alt](path)) inside a block, however deeply nested.</summary>
    public static IEnumerable<LinkInline> Images(Block block) => block switch
    {
        LeafBlock { Inline: { } inline } => inline.Descendants<LinkInline>().Where(l => l.IsImage),
        ContainerBlock container => container.SelectMany(Images),
        _ => [],
    };

    public static IReadOnlyList<CodeLine> CodeLines(LeafBlock code)
    {
        var result = new List<CodeLine>();
        var lines = code.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines.Lines[i];
            result.Add(new CodeLine(line.Slice.ToString(), line.Line + 1));
        }
        return result;
    }
}
