using System.Globalization;
using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using LabRunner.Text;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner check LAB --versions 14,15,17`: the lab on a fresh sandbox of each major version found (--pg-bin, PATH,
/// Debian's /usr/lib/postgresql/N/bin, the versions .ci/fetch-postgres fetched), one after the other; then a table of
/// verdicts by version (`*` = a version variant ran) and which steps need a variant or have a wrong one.
/// Exit 0 when every step passed on every version, 1 when any failed, 2 when a version asked for was not found.
/// </summary>
internal static class CheckVersions
{
    private static readonly Catalogue Words = Catalogue.English;

    public static IReadOnlyList<int> Parse(string text)
    {
        var majors = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var major) || major < 9)
                throw new UserErrorException($"--versions {text}: give major versions separated by commas, e.g. 14,15,17");
            if (!majors.Contains(major)) majors.Add(major);
        }
        if (majors.Count == 0) throw new UserErrorException("--versions: give at least one major version, e.g. 14,15,17");
        return majors;
    }

    public static async Task<int> RunAsync(Lab lab, IReadOnlyList<int> asked, TargetOptions target, LabRunOptions options, LabRunFilter? filter,
        TextWriter output, TextWriter errors, CancellationToken ct)
    {
        if (target.NamesExistingServer)
            throw new UserErrorException("--versions runs the lab on sandboxes of each version: it cannot be used with --connection or PGHOST");
        var installs = await PgInstalls.FindAllAsync(target.PgBin is { } bin ? [bin] : [], ct);
        var trials = new List<TrialResult>();
        var missing = new List<int>();
        foreach (var major in asked)
        {
            if (!lab.Server.Versions.Contains(major))
            {
                await errors.WriteLineAsync($"PostgreSQL {major}: not for this lab (it declares versions {lab.Server.Versions})");
                continue;
            }
            if (!installs.TryGetValue(major, out var bins))
            {
                await errors.WriteLineAsync($"PostgreSQL {major}: not found; {PgInstalls.FetchHint(major)}");
                missing.Add(major);
                continue;
            }
            await errors.WriteLineAsync($"Checking {lab.Id} on PostgreSQL {bins.Version} ({bins.BinDirectory})");
            trials.Add(await LabTrial.RunAsync(lab, target with { PgBin = bins.BinDirectory, Binaries = bins, KeepSandbox = false },
                options, new RunProgress(errors).Observe, filter, ct));
        }
        if (trials.Count == 0)
        {
            await errors.WriteLineAsync("labrunner: no version to run the lab on");
            return ExitCodes.UsageOrEnvironment;
        }
        var comparison = VersionComparison.From(trials);
        await WriteAsync(output, comparison, trials);
        if (missing.Count > 0) return ExitCodes.UsageOrEnvironment;
        return comparison.AllPassed ? ExitCodes.Ok : ExitCodes.ChecksFailed;
    }

    private static async Task WriteAsync(TextWriter output, VersionComparison comparison, IReadOnlyList<TrialResult> trials)
    {
        var names = comparison.Steps.Select(s => $"{s.Task.Id}/{s.Step.Id}{(s.Kind == StepKind.Check ? " (check)" : "")}").ToList();
        var width = Math.Max(4, names.Select(n => n.Length).DefaultIfEmpty().Max());
        var columns = comparison.Majors.Select(m => Math.Max(10, trials.First(t => t.MajorVersion == m).Version.Length + 1)).ToList();
        await output.WriteLineAsync("STEP".PadRight(width) + string.Concat(comparison.Majors.Select((m, i) =>
            "  " + trials.First(t => t.MajorVersion == m).Version.PadRight(columns[i]))).TrimEnd());
        for (var i = 0; i < comparison.Steps.Count; i++)
        {
            var step = comparison.Steps[i];
            var cells = comparison.Majors.Select((m, c) =>
            {
                var r = step.ByMajor[m];
                var mark = VersionComparison.VariantFor(r.Step, m) is null ? "" : "*";
                return "  " + (Words.Status(r.Verdict.Status) + mark).PadRight(columns[c]);
            });
            await output.WriteLineAsync((names[i].PadRight(width) + string.Concat(cells)).TrimEnd());
        }
        if (comparison.Steps.Any(s => s.ByMajor.Any(x => VersionComparison.VariantFor(s.Step, x.Key) is not null)))
            await output.WriteLineAsync("(* a version variant ran)");
        foreach (var step in comparison.Steps)
        {
            var name = $"{step.Task.Id}/{step.Step.Id}";
            if (step.NeedsVariantOn.Count > 0)
                await output.WriteLineAsync($"needs a variant: {name} fails on {Join(step.NeedsVariantOn)} with its own command " +
                    $"(passes on {Join(step.ByMajor.Where(x => !VersionComparison.Failed(x.Value)).Select(x => x.Key))}): {Words.Say(step.ByMajor[step.NeedsVariantOn[0]].Verdict)}");
            foreach (var (variant, major) in step.WrongVariants)
                await output.WriteLineAsync($"wrong variant: {name}: the variant for {variant} fails on {major}: {Words.Say(step.ByMajor[major].Verdict)}");
            if (step.FailsEverywhere)
                await output.WriteLineAsync($"fails on every version: {name}: {Words.Say(step.ByMajor.Values.First().Verdict)}");
        }
        var failed = comparison.Steps.Sum(s => s.ByMajor.Values.Count(VersionComparison.Failed));
        var passed = comparison.Steps.Sum(s => s.ByMajor.Values.Count(r => r.Verdict.Status == VerdictStatus.Passed));
        await output.WriteLineAsync($"{passed} passed, {failed} failed (on PostgreSQL {Join(comparison.Majors)})");
    }

    private static string Join(IEnumerable<int> majors) => string.Join(", ", majors.Select(m => m.ToString(CultureInfo.InvariantCulture)));
}
