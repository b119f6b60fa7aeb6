using System.Globalization;
using LabRunner.Running;

namespace LabRunner.Reports;

/// <summary>
/// A diff of thousands of lines helps nobody on a terminal: such a diff is written whole to a file (beside the reports)
/// and the summary, JSON and JUnit show its first lines and where the rest is.
/// </summary>
public static class LongDiffs
{
    public const int MaxShownLines = 40;

    /// <param name="directory">Where diff files go; asked only when a diff is long.</param>
    /// <param name="baseName">The files' name prefix (the report's name, else the lab's id).</param>
    public static async Task<RunSummary> SpillAsync(RunSummary summary, Func<string> directory, string baseName, CancellationToken ct)
    {
        var entries = new List<RunSummaryEntry>(summary.Entries.Count);
        foreach (var entry in summary.Entries)
        {
            var lines = entry.Verdict.Diff?.TrimEnd('\n').Split('\n');
            if (lines is null || lines.Length <= MaxShownLines)
            {
                entries.Add(entry);
                continue;
            }
            var name = $"{baseName}.{Safe(entry.Task)}.{Safe(entry.Step)}{(entry.Kind == StepKind.Check ? ".check" : "")}.diff";
            var path = Path.Combine(directory(), name);
            await AtomicFile.WriteAllTextAsync(path, entry.Verdict.Diff!, ct);
            var shown = string.Join('\n', lines.Take(MaxShownLines)) +
                $"\n… {(lines.Length - MaxShownLines).ToString(CultureInfo.InvariantCulture)} more lines: the whole diff is in {path}\n";
            entries.Add(entry with { Verdict = entry.Verdict with { Diff = shown } });
        }
        return summary with { Entries = entries };
    }

    private static string Safe(string id) => new(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
