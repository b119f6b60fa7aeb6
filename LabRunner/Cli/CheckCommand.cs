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
    public static Command Create(TextWriter output, TextWriter errors, HostSystem host)
    {
        var lab = new Argument<string>("LAB") { Description = "A catalog id, a lab YAML file or a Markdown lab file." };
        var reports = new Option<string[]>("--report") { Description = "Write a report: junit:PATH or json:PATH (may be repeated).", AllowMultipleArgumentsPerToken = false };
        var task = new Option<string?>("--task") { Description = "Run only this task (its id)." };
        var step = new Option<string?>("--step") { Description = "Run only this step (its id)." };
        var allowShell = new Option<bool>("--allow-shell") { Description = "Run the lab's shell steps (otherwise they are skipped)." };
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
        command.Options.Add(sandboxRoot);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            var targets = ReportTargets.Parse(parse.GetValue(reports));
            var loaded = await LabSources.Open(parse.GetValue(LabOptions.Catalog)).LoadAsync(parse.GetValue(lab)!, ct);
            var shell = parse.GetValue(allowShell);
            var filter = new LabRunFilter(parse.GetValue(task), parse.GetValue(step));
            var tools = ToolsToCheck(loaded, shell, errors);

            var keep = parse.GetValue(CommonOptions.KeepSandbox);
            var options = await CommonOptions.EnsureSetupAsync(parse, CommonOptions.Target(parse) with { SandboxRoot = parse.GetValue(sandboxRoot) },
                tools, host, errors, ct);
            await using var target = await LabServers.OpenAsync(options, loaded.Server, ct);
            await errors.WriteLineAsync($"Checking {loaded.Id} on {target.Description} (PostgreSQL {target.Version}, database {target.Database})");
            var unconfined = parse.GetValue(CommonOptions.UnconfinedShell);
            // Said once, before anything runs: never a shell step on the host without the user asking for it.
            if (shell && !unconfined && HasShellSteps(loaded) && !target.Shell.IsConfined)
                throw new ShellNotConfinedException(target.Shell.NotConfinedReason ?? "they cannot be confined here");
            var execution = new ExecutionOptions { PsqlLanguage = PsqlLanguage.Of(loaded) };
            await using var executor = new StepExecutor(target, execution);
            var consent = (shell ? Consent.Shell : Consent.None) | (unconfined ? Consent.Unconfined : Consent.None);
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
