using Markdig.Syntax;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Output pasted as a Markdown blockquote ("You should get:" then `> ` lines) instead of a fence: the quoted lines,
/// without the `>` marker and the one space after it, are the output as psql printed it (`>  count ` is ` count `,
/// a bare `>` an empty line). Only a quote right after a result label is output; any other quote is a note.
/// </summary>
internal static partial class QuotedOutput
{
    public static CodeItem? Of(QuoteBlock quote, StepItem? before, string source)
    {
        if (before is not ProseItem { Block: ParagraphBlock } label || Headings.ResultLabel(label.Plain) is not { Rest.Length: 0 }) return null;
        // psql's lines parse as paragraphs, setext headings (` count ` over `-------`), rules, indented code: a quote
        // holding a fence, a list or another quote is a note, not pasted output.
        if (quote.Descendants<Block>().Any(b => b is FencedCodeBlock or ListBlock or QuoteBlock)) return null;
        var all = source.Split('\n');
        var lines = new List<CodeLine>();
        for (var i = quote.Line; i < all.Length; i++)
        {
            var text = all[i].TrimStart(' ');
            if (!text.StartsWith('>')) break;
            text = text[1..];
            lines.Add(new CodeLine(text.StartsWith(' ') ? text[1..] : text, i + 1));
        }
        while (lines.Count > 0 && lines[^1].Text.Trim().Length == 0) lines.RemoveAt(lines.Count - 1);
        // "> Verá una fila con el valor uno.": a quoted sentence says the result in words; it stays prose.
        if (!IsPrinted(lines.Select(l => l.Text))) return null;
        return lines.Count == 0 ? null : new CodeItem(quote.Line + 1, quote, lines, null, MarkdownSlices.Of(source, quote));
    }

    /// <summary>Whether quoted lines are psql's printing: every line a command tag or surely output, or a table's rule among them.</summary>
    public static bool IsPrinted(IEnumerable<string> lines)
    {
        var filled = lines.Where(l => l.Trim().Length > 0).ToList();
        return filled.Count > 0 && (filled.All(l => SqlText.IsCommandTag(l) || SqlText.IsSurelyOutput(l) || PsqlStatus().IsMatch(l.Trim()))
                                    || filled.Any(SqlText.IsTableRule));
    }

    /// <summary>psql's own lines: \timing's "Time: 2.753 ms" and its switches ("Timing is on.", Spanish psql's words too).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:(?:Time|Duración): \d+(?:[.,]\d+)? ms(?: \(.*\))?|(?:Timing|Expanded display|Pager usage) is (?:on|off|used automatically)\.|El despliegue de duración está (?:activado|desactivado)\.|El despliegue expandido está (?:activado|desactivado)\.)$")]
    private static partial System.Text.RegularExpressions.Regex PsqlStatus();
}
