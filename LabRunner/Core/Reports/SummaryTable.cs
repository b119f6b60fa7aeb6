using LabRunner.Checking;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Reports;

/// <summary>The summary `check` prints: one line per step (task, step, verdict, time), why each failure failed, and a final count line.</summary>
public static class SummaryTable
{
    /// <summary>Reports are always in English.</summary>
    private static readonly Catalogue Words = Catalogue.English;

    public static async Task WriteAsync(TextWriter output, RunSummary summary, bool details = true)
    {
        var rows = summary.Entries.Select(e => (
            Task: e.Task,
            Step: e.Kind == StepKind.Check ? $"{e.Step} (check)" : e.Step,
            Verdict: Words.Status(e.Status),
            Time: e.Status is VerdictStatus.Skipped or VerdictStatus.NotRun or VerdictStatus.Manual ? "-" : Words.Duration(e.Duration),
            Entry: e)).ToList();
        int wTask = Math.Max(4, rows.Select(r => r.Task.Length).DefaultIfEmpty().Max());
        int wStep = Math.Max(4, rows.Select(r => r.Step.Length).DefaultIfEmpty().Max());
        int wVerdict = Math.Max(7, rows.Select(r => r.Verdict.Length).DefaultIfEmpty().Max());
        await output.WriteLineAsync($"{"TASK".PadRight(wTask)}  {"STEP".PadRight(wStep)}  {"VERDICT".PadRight(wVerdict)}  TIME");
        foreach (var r in rows)
        {
            await output.WriteLineAsync($"{r.Task.PadRight(wTask)}  {r.Step.PadRight(wStep)}  {r.Verdict.PadRight(wVerdict)}  {r.Time}");
            if (!details || r.Entry.Status is VerdictStatus.Passed or VerdictStatus.Ran or VerdictStatus.Manual) continue;
            await output.WriteLineAsync($"    {Words.Say(r.Entry.Verdict)}");
            foreach (var note in Words.Notes(r.Entry.Verdict)) await output.WriteLineAsync($"    note: {note}");
            if (r.Entry.Verdict.Diff is { } diff)
                foreach (var line in diff.TrimEnd('\n').Split('\n')) await output.WriteLineAsync($"    {line}");
        }
        await output.WriteLineAsync(CountLine(summary.Passed, summary.Failed, summary.Skipped, summary.NotCompared, summary.Manual, summary.Ran));
    }

    /// <summary>
    /// Exactly "N passed, N failed", plus ", N ran", ", N not compared", ", N manual" and ", N skipped" when there are any:
    /// steps with nothing expected of them, steps whose expected result is words or a picture, and steps with nothing to
    /// run are never counted as passed.
    /// </summary>
    public static string CountLine(int passed, int failed, int skipped, int notCompared = 0, int manual = 0, int ran = 0) =>
        $"{passed} passed, {failed} failed" + (ran > 0 ? $", {ran} ran" : "") + (notCompared > 0 ? $", {notCompared} not compared" : "")
        + (manual > 0 ? $", {manual} manual" : "") + (skipped > 0 ? $", {skipped} skipped" : "");
}
