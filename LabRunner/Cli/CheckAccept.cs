using LabRunner.Authoring.Accepting;
using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;

namespace LabRunner.Cli;

/// <summary>
/// `labrunner check LAB --accept`: runs the lab once on a fresh sandbox and, for every SQL step whose output differs
/// from its expected panel, shows the diff and asks: [a]ccept, [r]eject, [s]kip (decide later), accept [A]ll the rest,
/// [q]uit (reject the rest). `--accept=all` accepts every one without asking (scripts, CI). The accepted panels are
/// written back atomically into the lab's own file: YAML (nothing else changes) or the course Markdown (in place).
/// Exit 0 when nothing differs any more, 1 when a difference stays (rejected, skipped, or not writable as a panel).
/// </summary>
internal static class CheckAccept
{
    public static async Task<int> RunAsync(Lab lab, string mode, TargetOptions target, LabRunOptions options, LabRunFilter? filter,
        TextWriter output, TextWriter errors, TextReader? keys, CancellationToken ct)
    {
        if (mode is not ("ask" or "all"))
            throw new UserErrorException($"--accept={mode}: use --accept (review each difference) or --accept=all");
        if (mode == "ask" && keys is null && Console.IsInputRedirected)
            throw new UserErrorException("--accept asks in a terminal; in scripts use --accept=all");
        var trial = await LabTrial.RunAsync(lab, target, options, new RunProgress(errors).Observe, filter, ct);
        var edits = new List<PanelEdit>();
        var left = 0;
        foreach (var r in trial.Results.Where(r => r.Verdict.Status == VerdictStatus.Failed && r.Step.Expect?.Panel is not null))
        {
            if (r.Action is not SqlAction || r.Output is null || AcceptedPanel.From(r.Step.Expect!, r.Output.Results) is not { } panel)
            {
                await output.WriteLineAsync($"{r.Task.Id}/{r.Step.Id}: differs, and its output cannot be written as a panel (not SQL, or rows left out): fix it by hand");
                left++;
                continue;
            }
            edits.Add(new PanelEdit(r.Task, r.Step, r.Step.Expect!.Panel!, panel));
        }
        var accepted = new List<PanelEdit>();
        var all = mode == "all";
        foreach (var edit in edits)
        {
            await output.WriteLineAsync($"── {edit.Name}: {edit.Step.Title}");
            await output.WriteAsync(edit.Diff);
            var key = all ? 'a' : await AskAsync(output, keys);
            if (key == 'A') { all = true; key = 'a'; }
            if (key == 'q') { left += edits.Count - edits.IndexOf(edit); break; }
            if (key == 'a') { accepted.Add(edit); await output.WriteLineAsync("accepted"); }
            else { left++; await output.WriteLineAsync(key == 's' ? "skipped" : "rejected"); }
        }
        var path = lab.SourcePath;
        if (accepted.Count > 0)
        {
            var markdown = path.EndsWith(".md", StringComparison.OrdinalIgnoreCase);
            var text = await File.ReadAllTextAsync(path, ct);
            await AtomicFile.WriteAllTextAsync(path, PanelEdit.Apply(text, markdown, accepted), ct);
        }
        await output.WriteLineAsync($"{accepted.Count} accepted, {left} left as they were" + (accepted.Count > 0 ? $": wrote {path}" : ""));
        return left == 0 ? ExitCodes.Ok : ExitCodes.ChecksFailed;
    }

    private static async Task<char> AskAsync(TextWriter output, TextReader? keys)
    {
        while (true)
        {
            await output.WriteAsync("[a]ccept, [r]eject, [s]kip, accept [A]ll, [q]uit? ");
            await output.FlushAsync();
            char key;
            if (keys is not null)
            {
                var line = await keys.ReadLineAsync();
                key = string.IsNullOrEmpty(line) ? 'q' : line[0]; // end of input: reject the rest
            }
            else key = Console.ReadKey(intercept: true).KeyChar;
            await output.WriteLineAsync();
            if (key is 'a' or 'r' or 's' or 'A' or 'q') return key;
        }
    }
}
