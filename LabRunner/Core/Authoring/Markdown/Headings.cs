using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

internal enum SectionKind { Other, Objectives, Duration, Introduction, Help, Instructions, Expected, Task, Questions }

/// <summary>What the course's headings and labels mean, in Spanish and English, however they are punctuated.</summary>
internal static partial class Headings
{
    public static SectionKind Classify(string heading)
    {
        heading = Undecorated(heading);
        var h = Plain(heading);
        if (ExpectedHeading().IsMatch(NumberPrefix().Replace(h, ""))) return SectionKind.Expected;
        if (TaskHeading().IsMatch(heading.Trim())) return SectionKind.Task;
        if (QuestionsHeading().IsMatch(h)) return SectionKind.Questions;
        if (h.StartsWith("objetivo visual", StringComparison.Ordinal) || h.StartsWith("visual objective", StringComparison.Ordinal) || h.StartsWith("visual goal", StringComparison.Ordinal)) return SectionKind.Introduction;
        if (h.StartsWith("objetivo", StringComparison.Ordinal) || h.StartsWith("objective", StringComparison.Ordinal) || h.StartsWith("learning objective", StringComparison.Ordinal) || h.StartsWith("goal", StringComparison.Ordinal) || h.StartsWith("metas", StringComparison.Ordinal)) return SectionKind.Objectives;
        if (h.StartsWith("duracion", StringComparison.Ordinal) || h.StartsWith("duration", StringComparison.Ordinal) || h.StartsWith("tiempo estimado", StringComparison.Ordinal) || h.StartsWith("estimated time", StringComparison.Ordinal) || h.StartsWith("time required", StringComparison.Ordinal)) return SectionKind.Duration;
        if (h.StartsWith("tabla de ayuda", StringComparison.Ordinal) || h.StartsWith("help table", StringComparison.Ordinal) || h.StartsWith("ayuda", StringComparison.Ordinal) || h.StartsWith("help", StringComparison.Ordinal) || h.StartsWith("cheat sheet", StringComparison.Ordinal)) return SectionKind.Help;
        if (h.StartsWith("instrucciones", StringComparison.Ordinal) || h.StartsWith("instructions", StringComparison.Ordinal) || h.StartsWith("procedimiento", StringComparison.Ordinal) || h.StartsWith("procedure", StringComparison.Ordinal) || h.StartsWith("desarrollo", StringComparison.Ordinal) || h.StartsWith("pasos", StringComparison.Ordinal) || h.StartsWith("steps", StringComparison.Ordinal) || h.StartsWith("actividades", StringComparison.Ordinal) || h.StartsWith("activities", StringComparison.Ordinal)) return SectionKind.Instructions;
        if (h.StartsWith("introduccion", StringComparison.Ordinal) || h.StartsWith("introduction", StringComparison.Ordinal) || h.StartsWith("descripcion", StringComparison.Ordinal) || h.StartsWith("description", StringComparison.Ordinal) || h.StartsWith("contexto", StringComparison.Ordinal) || h.StartsWith("context", StringComparison.Ordinal) || h.StartsWith("background", StringComparison.Ordinal) || h.StartsWith("overview", StringComparison.Ordinal) || h.StartsWith("requisitos", StringComparison.Ordinal) || h.StartsWith("prerequisites", StringComparison.Ordinal) || h.StartsWith("requirements", StringComparison.Ordinal)) return SectionKind.Introduction;
        return SectionKind.Other;
    }

    /// <summary>"Tarea 2." → "2", "Laboratorio 3.1" → "3.1": a task's own number, for labels in result sections.</summary>
    public static string? TaskLabel(string text)
    {
        var m = TaskHeading().Match(Undecorated(text.Trim().Trim('*', '_').Trim()));
        return m.Success && m.Groups["n"].Success ? m.Groups["n"].Value : null;
    }

    public sealed record StepOpener(string Title, int? Number, string Rest);

    /// <summary>"Paso 1. Iniciar ..." / "**Step 2:** Run ..." → the step's title ("Paso 1."), number and remaining text.</summary>
    public static StepOpener? Step(string markdown)
    {
        var m = StepPrefix().Match(markdown);
        if (!m.Success) return Numbered(markdown);
        var title = $"{m.Groups["word"].Value}{(m.Groups["n"].Success ? " " + m.Groups["n"].Value : "")}{m.Groups["p"].Value}".Trim();
        int? number = m.Groups["n"].Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
        var rest = markdown[m.Length..].Trim();
        // "### Step 3 — Create the file": the dash is the author's, between the label and the words (shown in the title).
        if (m.Groups["dash"].Success && rest.Length > 0) rest = $"{m.Groups["dash"].Value} {rest}";
        return new(title, number, rest);
    }

    /// <summary>
    /// Steps numbered without the word: a bold number ("**1.** Abra ...", which Markdown keeps a paragraph, not a list)
    /// and a letter ("a) En la Ventana 1 ...", sub-steps of an "Actividad"). Their title is the number as written.
    /// </summary>
    private static StepOpener? Numbered(string markdown)
    {
        var m = BoldNumberPrefix().Match(markdown);
        if (m.Success) return new($"{m.Groups["n"].Value}{m.Groups["p"].Value}", int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), markdown[m.Length..].Trim());
        m = LetterPrefix().Match(markdown);
        if (!m.Success) return null;
        var letter = m.Groups["l"].Value;
        return new($"{letter})", char.ToLowerInvariant(letter[0]) - 'a' + 1, markdown[m.Length..].Trim());
    }

    /// <summary>
    /// "### 1. Create the database" / "### 2) Dump it": inside a task, a heading numbered like a list item is a step
    /// named by its number ("1."), as "Paso 1." would be.
    /// </summary>
    public static StepOpener? NumberedHeading(string heading)
    {
        var m = NumberedHeadingPattern().Match(heading.Trim());
        return m.Success ? new($"{m.Groups["n"].Value}{m.Groups["p"].Value}", int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture), m.Groups["rest"].Value.Trim()) : null;
    }

    public sealed record Label(string? Task, int? Step, string Rest);

    /// <summary>"Tarea 2." / "Tarea 2, Paso 5:" / "Laboratorio 3.1, paso 6:" / "Step 3" in an expected-results section.</summary>
    public static Label? ExpectedLabel(string markdown)
    {
        var m = LabelPattern().Match(markdown.Trim());
        if (!m.Success || !m.Groups["t"].Success && !m.Groups["s"].Success) return null;
        int? step = m.Groups["s"].Success ? int.Parse(m.Groups["s"].Value, CultureInfo.InvariantCulture) : null;
        return new(m.Groups["t"].Success ? m.Groups["t"].Value : null, step, markdown.Trim()[m.Length..].Trim());
    }

    /// <summary>A label that introduces an expected result inside a step: what follows it, and the words in its parentheses.</summary>
    public sealed record ResultIntro(string Rest, string Aside);

    /// <summary>"Resultado esperado:", "Salida esperada (sesión A):", "Expected output (your numbers will differ):", "Resultado: `...`", "You should get:".</summary>
    public static ResultIntro? ResultLabel(string markdown)
    {
        var text = Undecorated(markdown.Trim());
        var m = ResultLabelPattern().Match(text);
        if (!m.Success) return null;
        return new(text[m.Length..].Trim(), m.Groups["aside"].Success ? m.Groups["aside"].Value : "");
    }

    /// <summary>
    /// "🧪 Ejercicio 1", "✅ **Resultado esperado:**", "📌 Tarea 2": the text after the emoji and pictographs authors put
    /// before headings and labels (they decorate, they do not name anything).
    /// </summary>
    public static string Undecorated(string text)
    {
        var i = 0;
        while (i < text.Length && (char.IsWhiteSpace(text[i]) || CharUnicodeInfo.GetUnicodeCategory(text[i]) is UnicodeCategory.OtherSymbol
                   or UnicodeCategory.Surrogate or UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
            i++;
        return i == 0 ? text : text[i..];
    }

    /// <summary>Lower case, no accents, no trailing punctuation: what heading comparisons look at.</summary>
    public static string Plain(string text)
    {
        var plain = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) plain.Append(c);
        return plain.ToString().ToLowerInvariant().Trim().Trim('*', '_', ':', '.', ' ');
    }

    /// <summary>"**Preguntas:**", "Questions:" alone on its line inside a task: what follows is questions, not steps.</summary>
    public static bool IsQuestionsLabel(string markdown)
    {
        var text = markdown.Trim();
        if (text.Contains('\n') || text.Length > 60) return false;
        var plain = Plain(text);
        return plain.Length <= 40 && QuestionsHeading().IsMatch(plain) && (text.EndsWith(':') || text.TrimEnd('*', '_').EndsWith(':') || text.StartsWith("**", StringComparison.Ordinal));
    }

    public static bool LooksSpanish(string text) => SpanishWords().IsMatch(text);
    public static bool LooksEnglish(string text) => EnglishWords().IsMatch(text);

    [GeneratedRegex(@"^(?:resultados?\s+esperados?|salidas?\s+esperadas?|expected\s+(?:results?|outputs?)|results?\s+expected)")]
    private static partial Regex ExpectedHeading();

    [GeneratedRegex(@"^(?:Tarea|Task|Ejercicio|Exercise|Actividad|Activity|Parte|Part|Laboratorio|Lab|Pr[aá]ctica|Practice)\s*(?<n>\d+(?:\.\d+)*|(?-i:[A-Z]|[IVX]{2,4})(?=[\s.:)–—-]|$))(?!\.\d)\b", RegexOptions.IgnoreCase)]
    private static partial Regex TaskHeading();

    [GeneratedRegex(@"^\s*(?:\*\*|__)?(?<word>Paso|Step|Etapa)\s*(?<n>\d+)\s*(?<p>[.:)])?\s*(?:\*\*|__)?(?:\s*[.:])?(?:\s*(?<dash>[—–-])(?=\s))?(?=\s|$)", RegexOptions.IgnoreCase)]
    private static partial Regex StepPrefix();

    [GeneratedRegex(@"^\s*(?:\*\*|__)(?<n>\d+)\s*(?<p>[.:)])\s*(?:\*\*|__)(?=\s|$)")]
    private static partial Regex BoldNumberPrefix();

    [GeneratedRegex(@"^\s*(?:\*\*|__)?(?<l>[a-zA-Z])\)(?:\*\*|__)?(?=\s)")]
    private static partial Regex LetterPrefix();

    [GeneratedRegex(@"^(?:\*\*|__)?(?:(?:Tarea|Task|Ejercicio|Exercise|Laboratorio|Lab|Pr[aá]ctica|Practice)\s*(?<t>\d+(?:\.\d+)*))?\s*[.:,;-]?\s*(?:(?:Paso|Step)\s*(?<s>\d+))?\s*[.:]?\s*(?:\*\*|__)?\s*[.:]?", RegexOptions.IgnoreCase)]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^(?:\*\*|__|#+\s*)?(?:\d+[.)]\s*)?(?:resultados?(?:\s+esperados?)?|salidas?(?:\s+esperadas?)?|expected\s+(?:results?|outputs?)|results?\s+expected|output|result|you\s+should\s+(?:get|see)|you\s+will\s+(?:get|see)|deber[ií]as\s+(?:obtener|ver))\s*(?:\((?<aside>[^)]*)\))?\s*(?:\*\*|__)?\s*(?:\((?<aside>[^)]*)\))?\s*:(?:\*\*|__)?", RegexOptions.IgnoreCase)]
    private static partial Regex ResultLabelPattern();

    [GeneratedRegex(@"^\d+[.)]\s*")]
    private static partial Regex NumberPrefix();

    [GeneratedRegex(@"^(?<n>\d{1,2})(?<p>[.)])\s+(?<rest>\S.*)$")]
    private static partial Regex NumberedHeadingPattern();

    /// <summary>
    /// "Preguntas", "Preguntas de repaso", "Cuestionario", "Review questions", "Quiz": questions for the student. Any SQL
    /// under them is something to think about (or the answer's shape), never a step: running it would change the lab's
    /// database after the cleanup, or fail. "Solutions", "Answers", "Soluciones" hold the answers to them, the same.
    /// </summary>
    [GeneratedRegex(@"^(?:preguntas?\b|cuestionario|autoevaluacion|preguntas? de (?:repaso|reflexion|comprension)|(?:review |discussion |self[- ]check |comprehension )?questions?\b|quiz\b|self[- ]assessment|check your understanding|solutions?\b|answers?\b|answer key|soluci(?:on|ones)\b|solucionario|respuestas?\b)")]
    private static partial Regex QuestionsHeading();

    [GeneratedRegex(@"\b(?:Tarea|Paso|Instrucciones|Objetivos?|Duraci[oó]n|Resultados?\s+esperados?|Pr[aá]ctica)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SpanishWords();

    [GeneratedRegex(@"\b(?:Task|Step|Instructions|Objectives?|Duration|Expected\s+results?)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWords();
}
