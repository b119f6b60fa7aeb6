using LabRunner.Labs;

namespace LabRunner.Running;

/// <summary>
/// A lab run several times (--repeat N): the steps whose verdict differs between runs are flaky — timing, row order
/// without ORDER BY, a volatile value without a matcher — and each comes with every run's output.
/// </summary>
public sealed record RepeatComparison(int Runs, IReadOnlyList<FlakyStep> Flaky)
{
    public static RepeatComparison From(IReadOnlyList<TrialResult> trials)
    {
        var flaky = new List<FlakyStep>();
        if (trials.Count == 0) return new RepeatComparison(0, flaky);
        foreach (var first in trials[0].Results)
        {
            var runs = trials.Select(t => t.Results.FirstOrDefault(r => r.Task.Id == first.Task.Id && r.Step.Id == first.Step.Id && r.Kind == first.Kind)).ToList();
            if (runs.Any(r => r is null) || runs.Select(r => r!.Verdict.Status).Distinct().Count() > 1)
                flaky.Add(new FlakyStep(first.Task, first.Step, first.Kind, runs));
        }
        return new RepeatComparison(trials.Count, flaky);
    }
}

/// <summary>One step whose verdict differs between runs, with each run's result (null: it did not run that time).</summary>
public sealed record FlakyStep(LabTask Task, Step Step, StepKind Kind, IReadOnlyList<StepResult?> Runs);
