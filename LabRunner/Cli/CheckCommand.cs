using System.CommandLine;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Reports;
using LabRunner.Authoring;
using LabRunner.Running;
using LabRunner.Setup;
using LabRunner.Text;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner check LAB`: runs every step of a lab non-interactively on a fresh sandbox (or --connection), checks every
/// expectation, prints a summary and writes reports. Exit 0 all passed, 1 any failed, 2 usage or environment (the server
/// going away mid-run included).
/// Shell steps run only with --allow-shell; without it they are reported as skipped (a skip never fails the run, and the
/// summary says how many were skipped). With --allow-shell the lab's declared tools must be installed, else exit 2.
/// </summary>
public static class CheckCommand
{
    public static Command Create(TextWriter output, TextWriter errors, HostSystem host, TextReader? stdin = null)
    {
        var lab = new Argument<string>("LAB") { Description = "A catalog id, a lab YAML file or a Markdown lab file." };
        var reports = new Option<string[]>("--report") { Description = "Write a report: junit:PATH or json:PATH (may be repeated).", AllowMultipleArgumentsPerToken = false };
        var task = new Option<string?>("--task") { Description = "Run only this task (its id)." };
        var step = new Option<string?>("--step") { Description = "Run only this step (its id)." };
        var allowShell = new Option<bool>("--allow-shell") { Description = "Run the lab's shell steps (otherwise they are skipped)." };
        var versions = new Option<string?>("--versions") { Description = "Run the lab on a sandbox of each of these major versions (e.g. 14,15,17) and show which steps need a version variant." };
        var accept = new Option<string?>("--accept")
        {
            Description = "Review each step whose output differs from its expected panel and write the accepted ones into the lab file; --accept=all accepts every one.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var repeat = new Option<int?>("--repeat") { Description = "Run the lab N times on fresh sandboxes and report steps whose verdict differs between runs (flaky)." };
        var prove = new Option<bool>("--prove") { Description = "Prove the checks check: each task's checks must fail before its steps and pass after them; name panels an empty result meets." };
        var sandboxRoot = new Option<string?>("--sandbox-root") { Description = "Directory for sandboxes (default $TMPDIR/labrunner-USER).", Hidden = true };
        var command = new Command("check", "Run a lab's steps and check every expectation; exit 1 if any fails.");
        command.Arguments.Add(lab);
        command.Options.Add(LabOptions.Catalog);
        CommonOptions.AddServerOptions(command);
        command.Options.Add(reports);
        command.Options.Add(task);
        command.Options.Add(step);
        command.Options.Add(allowShell);
        command.Options.Add(CommonOptions.UnconfinedShell);
        command.Options.Add(versions);
        command.Options.Add(accept);
        command.Options.Add(repeat);
        command.Options.Add(prove);
        command.Options.Add(sandboxRoot);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var targets = ReportTargets.Parse(parse.GetValue(reports));
            var loaded = await LabSources.Open(parse.GetValue(LabOptions.Catalog)).LoadAsync(parse.GetValue(lab)!, ct);
            var shell = parse.GetValue(allowShell);
            var filter = new LabRunFilter(parse.GetValue(task), parse.GetValue(step)) { WithNeeds = true };
            var tools = ToolsToCheck(loaded, shell, errors);
            // The sandbox applies the lab's settings as it starts and the setup runs before any step: asked for up front.
            if (!shell && ConsentRules.BeforeSteps(loaded) is { Count: > 0 } before)
                throw new UserErrorException($"lab {loaded.Id} runs programs on the server before its first step ({string.Join("; ", before)}): " +
                    "pass --allow-shell to allow it");
            NoteProgramSteps(loaded, shell, errors);

            var consentAll = (shell ? ConsentRules.AllowShell : Consent.None) | (parse.GetValue(CommonOptions.UnconfinedShell) ? Consent.Unconfined : Consent.None);
            if (parse.GetValue(versions) is { } asked)
            {
                var majors = CheckVersions.Parse(asked);
                var setup = await CommonOptions.EnsureSetupAsync(parse, CommonOptions.Target(parse) with { SandboxRoot = parse.GetValue(sandboxRoot) }, tools, host, errors, ct);
                return await CheckVersions.RunAsync(loaded, majors, setup with { Binaries = null }, new LabRunOptions { Consent = consentAll }, filter, output, errors, ct);
            }
            if (parse.GetResult(accept) is not null)
            {
                var setup = await CommonOptions.EnsureSetupAsync(parse, CommonOptions.Target(parse) with { SandboxRoot = parse.GetValue(sandboxRoot) }, tools, host, errors, ct);
                return await CheckAccept.RunAsync(loaded, parse.GetValue(accept) ?? "ask", setup with { KeepSandbox = false },
                    new LabRunOptions { Consent = consentAll }, filter, output, errors, stdin, ct);
            }
            if (parse.GetValue(prove))
            {
                var setup = await CommonOptions.EnsureSetupAsync(parse, CommonOptions.Target(parse) with { SandboxRoot = parse.GetValue(sandboxRoot) }, tools, host, errors, ct);
                return await CheckProve.RunAsync(loaded, setup, new LabRunOptions { Consent = consentAll }, filter, output, errors, ct);
            }
            if (parse.GetValue(repeat) is { } times)
            {
                var setup = await CommonOptions.EnsureSetupAsync(parse, CommonOptions.Target(parse) with { SandboxRoot = parse.GetValue(sandboxRoot) }, tools, host, errors, ct);
                return await CheckRepeat.RunAsync(loaded, times, setup, new LabRunOptions { Consent = consentAll }, filter, output, errors, ct);
            }
            var keep = parse.GetValue(CommonOptions.KeepSandbox);
            var options = await CommonOptions.EnsureSetupAsync(parse, CommonOptions.Target(parse) with { SandboxRoot = parse.GetValue(sandboxRoot) },
                tools, host, errors, ct);
            await using var target = await LabServers.OpenAsync(options, loaded.Server, ct);
            await errors.WriteLineAsync($"Checking {loaded.Id} on {target.Description} (PostgreSQL {target.Version}, database {target.Database})");
            var unconfined = parse.GetValue(CommonOptions.UnconfinedShell);
            // Said once, before anything runs: never a shell step on the host without the user asking for it.
            if (shell && !unconfined && target.IsSandbox && HasShellSteps(loaded) && !target.Shell.IsConfined)
                throw new ShellNotConfinedException(target.Shell.NotConfinedReason ?? "they cannot be confined here");
            var execution = new ExecutionOptions { PsqlLanguage = PsqlLanguage.Of(loaded) };
            await using var executor = new StepExecutor(target, execution);
            var consent = (shell ? ConsentRules.AllowShell : Consent.None) | (unconfined ? Consent.Unconfined : Consent.None);
            var run = new LabRun(loaded, target, executor, new LabRunOptions { Execution = execution, Consent = consent });
            run.Event += new RunProgress(errors).Observe;
            await run.RunAllAsync(filter, ct);

            var diffs = new Lazy<string>(() => DiffDirectory(targets));
            var summary = await LongDiffs.SpillAsync(run.Summary, () => diffs.Value, DiffFileBase(targets, loaded), ct);
            await SummaryTable.WriteAsync(output, summary);
            await WriteReportsAsync(targets, summary, ct);
            await SandboxCommand.PrintKeptAsync(target, output, keep);
            if (summary.ServerLostAt is { } lost)
            {
                // Not the lab's fault nor the student's: the verdicts after this point say nothing.
                await errors.WriteLineAsync($"labrunner: {lost.Task}/{lost.Step}: {Catalogue.English.Say(lost.Verdict)}");
                return ExitCodes.UsageOrEnvironment;
            }
            return summary.Failed > 0 ? ExitCodes.ChecksFailed : ExitCodes.Ok;
        }));
        return command;
    }

    private static bool HasShellSteps(Lab lab) =>
        lab.Tasks.SelectMany(t => t.Steps.Concat(t.Checks)).Any(s => s.Action is ShellAction || s.Variants.Any(v => v.Action is ShellAction));

    /// <summary>The lab's declared tools matter (missing = exit 2, or installed) only when shell steps will run; otherwise skipped steps are noted.</summary>
    private static IReadOnlyList<string> ToolsToCheck(Lab lab, bool allowShell, TextWriter errors)
    {
        var shellSteps = lab.Tasks.SelectMany(t => t.Steps.Concat(t.Checks)).Count(s => s.Action is ShellAction || s.Variants.Any(v => v.Action is ShellAction));
        if (shellSteps == 0) return [];
        if (!allowShell)
        {
            errors.WriteLine($"note: {shellSteps} shell step{(shellSteps == 1 ? "" : "s")} will be skipped; pass --allow-shell to run {(shellSteps == 1 ? "it" : "them")}");
            return [];
        }
        return lab.Server.Tools;
    }

    /// <summary>SQL steps that make the server run programs are skipped like shell steps without --allow-shell: said once.</summary>
    private static void NoteProgramSteps(Lab lab, bool allowShell, TextWriter errors)
    {
        if (allowShell) return;
        var steps = lab.Tasks.SelectMany(t => t.Steps.Concat(t.Checks))
            .Count(s => s.Variants.Select(v => v.Action).Prepend(s.Action).Any(a => ConsentRules.Needed(a).HasFlag(Consent.ServerProgram)));
        if (steps > 0)
            errors.WriteLine($"note: {steps} SQL step{(steps == 1 ? "" : "s")} that make{(steps == 1 ? "s" : "")} the server run programs " +
                $"will be skipped; pass --allow-shell to run {(steps == 1 ? "it" : "them")}");
    }

    /// <summary>Long diffs go beside the first report; without one, into a new temporary folder (the summary names it).</summary>
    private static string DiffDirectory(ReportTargets targets) =>
        targets.Json.Concat(targets.JUnit).FirstOrDefault() is { } report
            ? Path.GetDirectoryName(Path.GetFullPath(report))!
            : Directory.CreateTempSubdirectory("labrunner-diffs-").FullName;

    private static string DiffFileBase(ReportTargets targets, Lab lab) =>
        targets.Json.Concat(targets.JUnit).FirstOrDefault() is { } report ? Path.GetFileNameWithoutExtension(report) : lab.Id;

    private static async Task WriteReportsAsync(ReportTargets targets, RunSummary summary, CancellationToken ct)
    {
        foreach (var path in targets.JUnit)
            await AtomicFile.WriteAllTextAsync(path, JUnitReport.Render(summary, DateTimeOffset.UtcNow), ct);
        foreach (var path in targets.Json)
            await AtomicFile.WriteAllTextAsync(path, JsonReport.Render(summary), ct);
    }
}
