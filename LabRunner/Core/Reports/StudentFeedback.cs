using System.Net;
using System.Text;
using LabRunner.Grading;
using LabRunner.Labs;
using LabRunner.Text;
using Markdig;

namespace LabRunner.Reports;

/// <summary>
/// The feedback a student reads: their score, and per check passed or not with its points, and — as the lab's
/// `feedback:` allows — what differs in words (their values only, or with the expected ones) and the expected result.
/// Written in the lab's language; Markdown, and HTML rendered from it with Markdig.
/// </summary>
public static class StudentFeedback
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string Markdown(Lab lab, StudentGrade grade) => Markdown(lab, grade, Catalogue.For(lab.Language));

    public static string Markdown(Lab lab, StudentGrade grade, Catalogue words)
    {
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Escape(words.FeedbackTitle(lab.Title))).AppendLine();
        md.Append("**").Append(words.FeedbackStudent).Append(":** ").AppendLine(Escape(grade.Student)).AppendLine();
        md.Append("**").Append(words.FeedbackScore).Append(":** ")
            .Append(words.Number(grade.Points)).Append(" / ").AppendLine(words.Number(grade.MaxPoints)).AppendLine();
        if (grade.Unreachable is { } notGraded)
        {
            md.AppendLine(Escape(words.FeedbackNotGraded(notGraded)));
            return md.ToString();
        }
        md.Append("| ").Append(words.FeedbackCheck).Append(" | ").Append(words.FeedbackResult).Append(" | ").Append(words.FeedbackPoints).AppendLine(" |");
        md.AppendLine("| --- | --- | ---: |");
        foreach (var c in grade.Checks)
            md.Append("| ").Append(Cell(c.Title)).Append(" | ").Append(words.Status(c.Status)).Append(" | ")
                .Append(words.Number(c.Points)).Append(" / ").Append(words.Number(c.MaxPoints)).AppendLine(" |");
        md.AppendLine();
        if (grade.Checks.All(c => c.Passed)) { md.AppendLine(words.FeedbackAllPassed); return md.ToString(); }
        if (lab.Feedback == FeedbackLevel.Summary) return md.ToString();
        foreach (var c in grade.Checks.Where(c => !c.Passed))
        {
            md.Append("## ").AppendLine(Escape(c.Title)).AppendLine();
            var why = lab.Feedback == FeedbackLevel.ExpectedValues ? words.Say(c.Verdict) : words.SayWithoutExpected(c.Verdict.Reason);
            md.Append("**").Append(words.FeedbackWhy).Append(":** ").AppendLine(Escape(why)).AppendLine();
            if (c.Actual is { Length: > 0 } actual) Block(md, words.FeedbackYours, actual);
            if (lab.Feedback == FeedbackLevel.ExpectedValues && c.Expected is { Length: > 0 } expected) Block(md, words.FeedbackExpected, expected);
        }
        return md.ToString();
    }

    /// <summary>A whole HTML page (UTF-8, the lab's language) around the Markdown rendered by Markdig.</summary>
    public static string Html(Lab lab, string markdown)
    {
        var title = WebUtility.HtmlEncode(Catalogue.For(lab.Language).FeedbackTitle(lab.Title));
        return $$"""
            <!DOCTYPE html>
            <html lang="{{WebUtility.HtmlEncode(lab.Language)}}">
            <head><meta charset="utf-8"><title>{{title}}</title>
            <style>body{font-family:sans-serif;max-width:50em;margin:2em auto}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}pre{background:#f4f4f4;padding:.5em}</style>
            </head>
            <body>
            {{Markdig.Markdown.ToHtml(markdown, Pipeline)}}</body>
            </html>

            """;
    }

    private static void Block(StringBuilder md, string label, string text)
    {
        md.Append("**").Append(label).AppendLine(":**").AppendLine();
        var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
        md.AppendLine(fence).AppendLine(text.TrimEnd('\n')).AppendLine(fence).AppendLine();
    }

    private static int LongestRun(string text, char c)
    {
        int best = 0, run = 0;
        foreach (var ch in text) { run = ch == c ? run + 1 : 0; best = Math.Max(best, run); }
        return best;
    }

    /// <summary>Text as Markdown shows it literally (no raw HTML from a student's value or a server message).</summary>
    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var ch in text)
        {
            if (ch is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '>' or '#' or '|' or '!') sb.Append('\\');
            sb.Append(ch == '\n' ? ' ' : ch);
        }
        return sb.ToString();
    }

    private static string Cell(string text) => Escape(text);
}
