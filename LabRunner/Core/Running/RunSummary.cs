using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Running;

/// <summary>One line of a run's report: a step or check, its verdict (as data), what it produced and what was expected.</summary>
public sealed record RunSummaryEntry(
    string Task, string Step, string Title, StepKind Kind, Verdict Verdict,
    string? Actual, string? Expected, TimeSpan Duration)
{
    public VerdictStatus Status => Verdict.Status;
    public double Points { get; init; }
    /// <summary>The server went away during this step (an environment problem: `check` exits 2).</summary>
    public bool ServerLost { get; init; }
    /// <summary>A watched step's recorded series.</summary>
    public WatchSeries? Series { get; init; }
}

/// <summary>What a run did, step by step, for the summary table and the JUnit/JSON/CSV reports.</summary>
public sealed record RunSummary(string LabId, string LabTitle, IReadOnlyList<RunSummaryEntry> Entries)
{
    public int Passed => Entries.Count(e => e.Status == VerdictStatus.Passed);
    /// <summary>Failures and errors alike: both make `check` exit 1.</summary>
    public int Failed => Entries.Count(e => e.Status is VerdictStatus.Failed or VerdictStatus.Error);
    public int Skipped => Entries.Count(e => e.Status is VerdictStatus.Skipped or VerdictStatus.NotRun);
    /// <summary>Ran, with an expected result that is words or a picture: counted apart from passed.</summary>
    public int NotCompared => Entries.Count(e => e.Status == VerdictStatus.NotCompared);
    /// <summary>Ran without error with nothing expected of them: done, never counted as passed.</summary>
    public int Ran => Entries.Count(e => e.Status == VerdictStatus.Ran);
    /// <summary>Nothing to run: the student's part.</summary>
    public int Manual => Entries.Count(e => e.Status == VerdictStatus.Manual);
    public TimeSpan Duration => Entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.Duration);
    /// <summary>The first step during which the server went away, if any.</summary>
    public RunSummaryEntry? ServerLostAt => Entries.FirstOrDefault(e => e.ServerLost);

    public static RunSummary From(Lab lab, IEnumerable<StepResult> results) =>
        new(lab.Id, lab.Title, results.Select(r => new RunSummaryEntry(
            r.Task.Id, r.Step.Id, r.Step.Title, r.Kind, r.Verdict,
            r.Output?.Text, ExpectedText(r.Step.Expect), r.Duration)
        {
            Points = r.Task.MaxPoints,
            ServerLost = r.Output?.Outcome == StepOutcome.ConnectionLost,
            Series = r.Series,
        }).ToList());

    /// <summary>The expectation as an author wrote it: the panel, or the structured rows, or the error/exit code asked for.</summary>
    private static string? ExpectedText(Expectation? e)
    {
        if (e is null) return null;
        if (e.Panel is { } panel) return panel;
        if (e.Columns is { } columns)
            return string.Join(" | ", columns) + "\n" + string.Join("\n", (e.Rows ?? []).Select(r => string.Join(" | ", r.Select(c => c ?? "NULL"))));
        if (e.ErrorSqlState is { } state) return $"error {state}";
        if (e.Prose is { } prose && e.ExitCode is null && e.OutputContains is null && e.OutputMatches is null) return prose;
        var parts = new List<string>();
        if (e.ExitCode is { } code) parts.Add($"exit code {code}");
        if (e.OutputContains is { } contains) parts.Add($"output contains \"{contains}\"");
        if (e.OutputMatches is { } matches) parts.Add($"output matches /{matches}/");
        return parts.Count == 0 ? null : string.Join(", ", parts);
    }
}
