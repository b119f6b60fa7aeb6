using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Whether a lab is written in Spanish. The course's heading words ("Tarea", "Paso" / "Task", "Step") decide when only
/// one language's appear; a lab with neither ("## Part A", "### 1. Create the database") is told by its prose's
/// common words, since its code (SQL's AND, IN, ON) says nothing about the language.
/// </summary>
internal static partial class LabLanguage
{
    public static bool IsSpanish(string markdown)
    {
        var spanish = Headings.LooksSpanish(markdown);
        if (spanish || Headings.LooksEnglish(markdown)) return spanish;
        var prose = InlineCode().Replace(Fences().Replace(markdown, " "), " ");
        return SpanishWords().Count(prose) >= EnglishWords().Count(prose);
    }

    [GeneratedRegex(@"^[ \t]*(```|~~~).*?^[ \t]*\1[^\n]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex Fences();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\b(?i:el|la|los|las|del|que|una?|para|con|por|se|es|al|esta|este|como)\b")]
    private static partial Regex SpanishWords();

    [GeneratedRegex(@"\b(?i:the|and|of|to|you|is|with|for|this|that|it|are|your|from|into)\b")]
    private static partial Regex EnglishWords();
}
