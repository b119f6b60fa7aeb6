using System.Globalization;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner check LAB --repeat N`: the lab N times, each on a fresh sandbox (or N times on the --connection server),
/// then every step whose verdict differs between runs with the runs' outputs side by side. Exit 0 when every step gave
/// the same verdict every time, 1 when one is flaky.
/// </summary>
internal static class CheckRepeat
{
    private static readonly Catalogue Words = Catalogue.English;
    private const int Column = 48;

    public static async Task<int> RunAsync(Lab lab, int times, TargetOptions target, LabRunOptions options, LabRunFilter? filter, TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (times < 2) throw new UserErrorException($"--repeat {times}: give 2 runs or more");
        var trials = new List<TrialResult>();
        for (var i = 1; i <= times; i++)
        {
            await errors.WriteLineAsync($"Run {i} of {times}");
            trials.Add(await LabTrial.RunAsync(lab, target with { KeepSandbox = false }, options, new RunProgress(errors).Observe, filter, ct));
        }
        var comparison = RepeatComparison.From(trials);
        foreach (var step in comparison.Flaky)
        {
            await output.WriteLineAsync($"flaky: {step.Task.Id}/{step.Step.Id}: " +
                string.Join(", ", step.Runs.Select((r, i) => $"run {i + 1} {(r is null ? "not run" : Words.Status(r.Verdict.Status))}")));
            await WriteSideBySideAsync(output, step.Runs);
        }
        await output.WriteLineAsync(comparison.Flaky.Count == 0
            ? $"{times} runs: every step gave the same verdict every time"
            : $"{times} runs: {comparison.Flaky.Count} flaky step{(comparison.Flaky.Count == 1 ? "" : "s")}");
        return comparison.Flaky.Count == 0 ? ExitCodes.Ok : ExitCodes.ChecksFailed;
    }

    private static async Task WriteSideBySideAsync(TextWriter output, IReadOnlyList<StepResult?> runs)
    {
        var columns = runs.Select(r => (r?.Output?.Text ?? "").TrimEnd('\n').Split('\n')).ToList();
        var height = columns.Max(c => c.Length);
        await output.WriteLineAsync("  " + string.Join(" │ ", runs.Select((_, i) => $"run {(i + 1).ToString(CultureInfo.InvariantCulture)}".PadRight(Column))).TrimEnd());
        for (var line = 0; line < height; line++)
            await output.WriteLineAsync("  " + string.Join(" │ ", columns.Select(c => Cut(line < c.Length ? c[line] : "").PadRight(Column))).TrimEnd());
    }

    private static string Cut(string text) => text.Length <= Column ? text : text[..(Column - 1)] + "…";
}
