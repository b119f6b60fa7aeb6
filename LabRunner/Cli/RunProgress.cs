using LabRunner.Checking;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Cli;

/// <summary>
/// stderr while `check` runs: one line per finished step, and for long steps what is being waited for (elapsed time,
/// eventually's countdown), at most every few seconds so that logs stay readable. In English, as the whole CLI.
/// </summary>
internal sealed class RunProgress(TextWriter errors)
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);
    private static readonly Catalogue Words = Catalogue.English;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TimeSpan> _lastShown = [];

    public void Observe(object? sender, RunEvent e)
    {
        var name = $"{e.Task.Id}/{e.Step.Id}";
        lock (_gate)
        {
            switch (e)
            {
                case StepWaiting w when w.Elapsed >= Quiet:
                    if (_lastShown.TryGetValue(name, out var last) && w.Elapsed - last < Every) return;
                    _lastShown[name] = w.Elapsed;
                    var left = w.Remaining is { } r && r > TimeSpan.Zero ? $", {Words.Duration(r)} left" : "";
                    errors.WriteLine($"  {name}: {Words.Say(w.Reason)} ({Words.Duration(w.Elapsed)}{left})");
                    break;
                case StepDetached d:
                    errors.WriteLine($"  {name}: {Words.Say(d.Lock)}; going on with the next steps");
                    break;
                case StepFinished f:
                    _lastShown.Remove(name);
                    errors.WriteLine($"{Words.Status(f.Result.Verdict.Status),-7}  {name}  {Words.Duration(f.Result.Duration)}" +
                        (f.Result.Verdict.Status is VerdictStatus.Passed or VerdictStatus.Ran ? "" : $"  {Words.Say(f.Result.Verdict)}") +
                        // A watched step: how long what it waited for took (autovacuum).
                        (f.Result.Verdict.Notes.OfType<MarkerChanged>().FirstOrDefault() is { } moved ? $"  ({Words.Say(moved)})" : ""));
                    break;
            }
            errors.Flush();
        }
    }
}
