using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>
/// What F2 shows, level by level: first a nudge (the author's hint, or one read from the failure the student just had,
/// by SQLSTATE), then the solution command. Pure: the session keeps the level and records it in progress.
/// </summary>
public static partial class StepHints
{
    /// <summary>How many levels F2 has for this step: a nudge (when there is one) and the solution (when there is a command).</summary>
    public static int Levels(Catalogue text, StepRef step, StepRunResult? last, StepAction action) =>
        (Nudge(text, step, last) is null ? 0 : 1) + (Solution(action) is null ? 0 : 1);

    /// <summary>The hint's parts shown at <paramref name="level"/>, as Markdown (level 0: nothing).</summary>
    public static string? Markdown(Catalogue text, StepRef step, StepRunResult? last, StepAction action, int level)
    {
        if (level <= 0) return null;
        var parts = new List<string>();
        var nudge = Nudge(text, step, last);
        if (nudge is not null) parts.Add("> **" + text.Hint + ":** " + nudge.Trim().Replace("\n", "\n> "));
        var solutionLevel = nudge is null ? 1 : 2;
        if (level >= solutionLevel && Solution(action) is { } solution)
            parts.Add("> **" + text.Solution + ":**\n\n```\n" + solution + "\n```");
        else if (Solution(action) is not null) parts.Add("> " + text.HintMore);
        return parts.Count == 0 ? null : string.Join("\n\n", parts);
    }

    /// <summary>
    /// What the failure says (by SQLSTATE or a differing cell), then the author's hint: the failure is about this attempt,
    /// the author's hint about the step; either alone when there is only one.
    /// </summary>
    public static string? Nudge(Catalogue text, StepRef step, StepRunResult? last)
    {
        var failure = last is null ? null : FromFailure(text, last);
        var author = string.IsNullOrWhiteSpace(step.Step.Hint) ? null : step.Step.Hint.Trim();
        return failure is null ? author : author is null ? failure : failure + "\n\n" + author;
    }

    public static string? FromFailure(Catalogue text, StepRunResult result)
    {
        if (StepStatuses.IsDone(result.Verdict.Status)) return null;
        if (result.Output.FirstError is { } error)
        {
            var said = error.SqlState switch
            {
                "42P01" => text.TableMissing(Relation(error.Message)),
                "25P02" => text.TransactionAborted,
                "55P03" or "40P01" => text.LockBlocked(null),
                "42601" => text.SyntaxError,
                "42703" => text.NoSuchColumn,
                _ => null,
            };
            if (said is not null) return $"{said} ({text.HintFromFailure}: {error.SqlState})";
        }
        if (result.Verdict.FirstDifference is not null) return text.DifferentValue;
        return null;
    }

    /// <summary>The lab's own command: what F2's last level shows (none for a manual step).</summary>
    public static string? Solution(StepAction action) => action is ManualAction || string.IsNullOrWhiteSpace(action.Command) ? null : action.Command.Trim();

    private static string? Relation(string message) => RelationName().Match(message) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("\"([^\"]+)\"")]
    private static partial Regex RelationName();
}
