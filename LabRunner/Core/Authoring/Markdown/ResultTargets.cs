using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>Puts an expected result on a part: output to compare (a panel, a shell's output), or words to show.</summary>
internal static class ResultTargets
{
    public static void Output(ReaderState s, PartDraft target, string text, int line, int endLine, bool completion, string? note = null,
        IReadOnlyList<(int Line, int EndLine)>? runs = null)
    {
        var clean = WithoutTagComments(text);
        if (ProseKinds.Of(clean) == ProseKind.Meter)
        {
            Prose(s, target, clean, line, endLine, "a progress meter");
            return;
        }
        if (completion && target.Panel is { } before && target.Action is SqlAction)
            clean = before + "\n" + clean; // BEGIN printed before the statement that waited, then what it printed when it ended
        else if (target.HasComparableExpectation)
            s.Warnings.Add(new(line, $"\"{target.Step.Title}\" already had an expected output: replaced by this one"));
        if (target.Action is ShellAction) target.ShellOutput = clean;
        else target.Panel = clean;
        target.PanelLine = line;
        if (completion)
        {
            target.Background = true;
            s.Warnings.Add(new(line, $"this output is the completion of \"{target.Step.Title}\" (session {target.Session ?? "shell"}), which was still running: checked there", IsInfo: true));
        }
        foreach (var (from, to) in runs ?? [(line, endLine)])
            s.Record(new MapDraft(from, to, MapElement.Expected, completion ? "completion" : target.Action is ShellAction ? "output" : Kind(clean),
                note ?? (completion ? $"completion of the statement that was waiting in session {target.Session}" : "expected output, compared"))
            { Task = target.Step.Task, Step = target.Step, Part = target });
    }

    public static void Prose(ReaderState s, PartDraft target, string markdown, int line, int endLine, string? why = null)
    {
        target.Prose = target.Prose is null ? markdown : target.Prose + "\n\n" + markdown;
        target.ProseLine ??= line;
        var kind = ProseKinds.Of(markdown);
        var what = why ?? kind switch { ProseKind.Image => "a picture", ProseKind.Table => "a table of values", ProseKind.Meter => "a progress meter", _ => "prose" };
        // A sentence that names a command tag or a query's row count is compared as that (see MarkdownWalker's Expectation).
        var named = target.Panel is not null || target.ErrorState is not null ? null
            : ProseTags.TagOf(target.Prose) is { } tag ? $"the command tag {tag}"
            : ProseCounts.RowsOf(target.Prose, target.Action) is { } rows ? $"a count of {rows} row{(rows == 1 ? "" : "s")}" : null;
        if (named is null) s.Warnings.Add(new(line, $"expected result is {what}: shown to the student, not compared"));
        else s.Warnings.Add(new(line, $"expected result is {what} that names {named}: compared as that, the sentence shown to the student", IsInfo: true));
        s.Record(new MapDraft(line, endLine, MapElement.Expected, kind.ToString().ToLowerInvariant(),
            named is null ? $"expected result is {what}: not compared" : $"expected result is {what}: {named}, compared")
        { Task = target.Step.Task, Step = target.Step, Part = target });
    }

    /// <summary>"error" for a panel that only shows an error (with its DETAIL, HINT...), else "panel".</summary>
    private static string Kind(string panel) =>
        (panel.TrimStart().StartsWith("ERROR", StringComparison.Ordinal) || panel.Contains("\nERROR:", StringComparison.Ordinal))
        && !panel.Split('\n').Any(l => SqlText.IsTableFrame(l)) ? "error" : "panel";

    /// <summary>"UPDATE 1 -- Mensaje cuando la sesión A confirmó": the tag is output; the author's comment is not.</summary>
    public static string WithoutTagComments(string text) =>
        string.Join("\n", text.Split('\n').Select(l => SqlText.IsCommandTag(l) && l.Contains("--", StringComparison.Ordinal) ? l[..l.IndexOf("--", StringComparison.Ordinal)].TrimEnd() : l));
}
