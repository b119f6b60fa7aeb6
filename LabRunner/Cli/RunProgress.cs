using System.Globalization;
using LabRunner.Checking;
using LabRunner.Reports;
using LabRunner.Running;

namespace LabRunner.Cli;

/// <summary>
/// stderr while `check` runs: one line per finished step, and for long steps what is being waited for (elapsed time,
/// eventually's countdown), at most every few seconds so that logs stay readable.
/// </summary>
internal sealed class RunProgress(TextWriter errors)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TimeSpan> _lastShown = [];

    public void Observe(object? sender, RunEvent e)
    {
        var name = $"{e.Task.Id}/{e.Step.Id}";
        lock (_gate)
        {
            switch (e)
            {
                case StepProgressed p when p.Elapsed >= Quiet:
                    if (_lastShown.TryGetValue(name, out var last) && p.Elapsed - last < Every) return;
                    _lastShown[name] = p.Elapsed;
                    var left = p.Remaining is { } r && r > TimeSpan.Zero ? $", {Durations.Words(r, CultureInfo.InvariantCulture)} left" : "";
                    errors.WriteLine($"  {name}: {p.Activity} ({Durations.Words(p.Elapsed, CultureInfo.InvariantCulture)}{left})");
                    break;
                case StepDetached d:
                    errors.WriteLine($"  {name}: {d.Activity}; going on with the next steps");
                    break;
                case StepFinished f:
                    _lastShown.Remove(name);
                    errors.WriteLine($"{StatusWords.Of(f.Result.Verdict.Status),-7}  {name}  {Durations.Words(f.Result.Duration, CultureInfo.InvariantCulture)}" +
                        (f.Result.Verdict.Status == VerdictStatus.Passed ? "" : $"  {f.Result.Verdict.Message}"));
                    break;
            }
            errors.Flush();
        }
    }
}
