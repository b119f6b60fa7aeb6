using System.Text.RegularExpressions;
using LabRunner.Authoring.Markdown;
using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Psql;
using LabRunner.Running;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Runs a course-corpus lab as `labrunner check LAB.md --allow-shell` does (a fresh sandbox of its own, every step,
/// shell allowed) and gives each Paso's verdict in the truth's words: passed, failed, not-compared, manual, ran, skipped,
/// error-expected. A Paso run as several parts (one per session) takes the verdict of its parts together.
/// </summary>
public static partial class CourseCorpusRun
{
    public sealed record PasoVerdict(string Task, int Line, string Label, string Verdict, string Why, IReadOnlyList<StepResult> Parts);

    public sealed record LabRunResult(string Name, IReadOnlyList<PasoVerdict> Pasos, IReadOnlyList<StepResult> Results, IReadOnlyList<RunEvent> Events);

    /// <summary>Labs whose steps administer servers (a second cluster, config edits, restarts, Debian paths): they need the sandbox of servers.</summary>
    public static bool NeedsServerAdministration(string name) =>
        CourseCorpus.TruthOf(name).NeedsServers || Administration().IsMatch(File.ReadAllText(CourseCorpus.Markdown(name)));

    public static async Task<LabRunResult> RunAsync(string name, CancellationToken ct)
    {
        var path = CourseCorpus.Markdown(name);
        var import = MarkdownLabReader.Read(await File.ReadAllTextAsync(path, ct), path);
        var loaded = MarkdownLabReader.Validate(import, path);
        var lab = loaded.Lab ?? throw new InvalidOperationException($"{name} does not load:\n" + string.Join("\n", loaded.Diagnostics));
        await using var target = await LabServers.OpenAsync(new TargetOptions { SandboxRoot = TestPaths.SandboxRoot, HonourPgEnvironment = false }, lab.Server, ct);
        var execution = new ExecutionOptions { StatementTimeout = TimeSpan.FromMinutes(2), PsqlLanguage = PsqlLanguage.Of(lab) };
        await using var executor = new StepExecutor(target, execution);
        var run = new LabRun(lab, target, executor, new LabRunOptions { Execution = execution, Consent = ConsentRules.AllowShell });
        var events = new System.Collections.Concurrent.ConcurrentQueue<RunEvent>();
        run.Event += (_, e) => events.Enqueue(e);
        var results = await run.RunAllAsync(null, ct);
        var steps = import.Map.Where(e => e.Element == MapElement.Step).ToList();
        var pasos = new List<PasoVerdict>();
        foreach (var step in steps)
        {
            var parts = results.Where(r => r.Task.Id == step.Task && (r.Step.Id == step.Step || r.Step.Id.StartsWith(step.Step + "-", StringComparison.Ordinal))).ToList();
            var (verdict, why) = Verdict(parts);
            pasos.Add(new PasoVerdict(step.Task!, step.Line, step.Note, verdict, why, parts));
        }
        return new LabRunResult(name, pasos, results, events.ToList());
    }

    /// <summary>The truth's word for what a Paso's parts got.</summary>
    private static (string Verdict, string Why) Verdict(List<StepResult> parts)
    {
        string Why() => string.Join(" | ", parts.Select(p => $"{p.Step.Id}: {p.Verdict.Status} {LabRunner.Text.Catalogue.English.Say(p.Verdict)}"));
        if (parts.Count == 0) return ("missing", "no part ran");
        if (parts.Any(p => p.Verdict.Status is VerdictStatus.Failed or VerdictStatus.Error)) return ("failed", Why());
        if (parts.All(p => p.Verdict.Status == VerdictStatus.Manual)) return ("manual", Why());
        if (parts.Any(p => p.Verdict.Status is VerdictStatus.Skipped or VerdictStatus.NotRun)) return ("skipped", Why());
        if (parts.Any(p => p.Verdict.Status == VerdictStatus.Passed)) return ("passed", Why());
        if (parts.Any(p => p.Verdict.Status == VerdictStatus.NotCompared)) return ("not-compared", Why());
        return ("ran", Why());
    }

    public static IReadOnlyList<string> Errors(StepResult r) => r.Output?.Results.OfType<StatementError>().Select(e => e.SqlState).ToList() ?? [];

    /// <summary>Whether a verdict's reason says something was compared: every passed verdict's must.</summary>
    public static bool Compared(VerdictReason reason) => reason switch
    {
        MatchedAfter m => Compared(m.Matched),
        OutputMatches or RowsMatch or NoRowsAsExpected or FailedAsExpected or ShellAsExpected => true,
        _ => false,
    };

    [GeneratedRegex(@"\bpg_(?:create|ctl|drop|ls)clusters?\b|\bsystemctl\b|\bservice\s+postgresql\b|/etc/postgresql/")]
    private static partial Regex Administration();
}
