using LabRunner.Checking;
using LabRunner.Labs;

namespace LabRunner.Running;

/// <summary>
/// A lab run on several PostgreSQL major versions, step by step: which command ran on each (the step's own or a version
/// variant), its verdict, and what an author should do — a step whose own command passes on some versions and fails on
/// others needs a variant for those; a variant that fails where it runs while the step passes elsewhere is wrong there.
/// </summary>
public sealed record VersionComparison(IReadOnlyList<int> Majors, IReadOnlyList<StepAcrossVersions> Steps)
{
    public bool AllPassed => Steps.All(s => s.ByMajor.Values.All(r => !Failed(r)));

    public static VersionComparison From(IReadOnlyList<TrialResult> trials)
    {
        var majors = trials.Select(t => t.MajorVersion).ToList();
        var first = trials.Count > 0 ? trials[0].Results : [];
        var steps = first.Select(r => (r.Task, r.Step, r.Kind)).Select(key =>
        {
            var byMajor = trials.ToDictionary(t => t.MajorVersion,
                t => t.Results.First(r => r.Task.Id == key.Task.Id && r.Step.Id == key.Step.Id && r.Kind == key.Kind));
            return Advise(key.Task, key.Step, key.Kind, byMajor);
        }).ToList();
        return new VersionComparison(majors, steps);
    }

    public static bool Failed(StepResult r) => r.Verdict.Status is VerdictStatus.Failed or VerdictStatus.Error;

    private static StepAcrossVersions Advise(LabTask task, Step step, StepKind kind, IReadOnlyDictionary<int, StepResult> byMajor)
    {
        var anyPassed = byMajor.Values.Any(r => !Failed(r));
        var needs = new List<int>();
        var wrong = new List<(VersionRange, int)>();
        var everywhere = !anyPassed && byMajor.Count > 1;
        if (anyPassed)
        {
            foreach (var (major, result) in byMajor.Where(x => Failed(x.Value)))
            {
                if (VariantFor(step, major) is { } variant) wrong.Add((variant.Versions, major));
                else needs.Add(major);
            }
        }
        return new StepAcrossVersions(task, step, kind, byMajor, needs, wrong, everywhere);
    }

    /// <summary>The variant that runs on a major version, or null when the step's own command does.</summary>
    public static StepVariant? VariantFor(Step step, int major) => step.Variants.FirstOrDefault(v => v.Versions.Contains(major));
}

/// <summary>One step's results by major version and the advice for it.</summary>
public sealed record StepAcrossVersions(
    LabTask Task, Step Step, StepKind Kind, IReadOnlyDictionary<int, StepResult> ByMajor,
    IReadOnlyList<int> NeedsVariantOn, IReadOnlyList<(VersionRange Variant, int Major)> WrongVariants, bool FailsEverywhere);
