using LabRunner.Checking;
using LabRunner.Running;
using LabRunner.Tests.Support;
using Xunit.Abstractions;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// `check --allow-shell` on every course-corpus lab that needs no server administration, each on a fresh sandbox of its
/// own, several at a time: each Paso's verdict equals the one its truth wrote down beforehand (including the panels that
/// must fail). Labs that administer servers wait for the sandbox of servers (<see cref="Capabilities.SandboxOfServers"/>):
/// they are listed as pending and run as soon as the engine supports them.
/// </summary>
[Collection(SandboxCollection.Name)]
public class CourseCorpusCheckTests(ITestOutputHelper output)
{
    /// <summary>Steps whose truth the engine cannot reach yet, with why: asserted to still differ, so the list cannot go stale.</summary>
    public static readonly IReadOnlyDictionary<(string Lab, int Line), string> EngineGaps = new Dictionary<(string, int), string>
    {
        [("transaccion-por-pasos", 30)] = "a panel of words only (\\echo :v prints 150) is shown, not compared (ExpectationChecker: not Comparable)",
        [("index-exercise-blockquotes", 14)] = "a panel of words only (psql's own 'Timing is on.') is shown, not compared (ExpectationChecker: not Comparable)",
        [("backups-pg-dump-custom", 38)] = "shell output is compared literally (OutputContains): pg_restore -l's volatile 'Archive created at' date cannot match; shell outputs have no volatile-value matching yet",
        [("checkpoint-settings", 115)] = "shell output is compared literally (OutputContains): pg_controldata's LSNs, XIDs, OIDs and checkpoint time cannot match; shell outputs have no volatile-value matching yet",
        [("acceso-contrasena", 112)] = "the reader takes \\password's prompts for its output (CourseCorpusReadTests.ReaderGaps), and the engine cannot answer psql's interactive prompts",
        [("acceso-contrasena", 123)] = "a refused login written as a `$ psql -h localhost -U ana` transcript: the reader makes it a manual step (ReaderGaps); running it needs a login with the old password expected to fail",
        [("carga-datos-copy", 37)] = "the command is inline in the paragraph: the reader makes the step manual (ReaderGaps)",
        [("pg-stat-statements-carga", 116)] = "calls/rows count the transactions pgbench ran in 10 s: volatile, but only the lab's prose says so; the checker compares them exactly",
    };

    [Fact]
    public async Task Every_lab_gives_the_verdicts_its_truth_wrote_down()
    {
        var names = CourseCorpus.Names().ToList();
        var pending = names.Where(n => CourseCorpusRun.NeedsServerAdministration(n) && !Capabilities.SandboxOfServers).ToList();
        var runnable = names.Except(pending).ToList();
        using var gate = new SemaphoreSlim(4);
        var runs = await Task.WhenAll(runnable.Select(async name =>
        {
            await gate.WaitAsync();
            try { return await CourseCorpusRun.RunAsync(name, CancellationToken.None); }
            finally { gate.Release(); }
        }));
        var problems = new List<string>();
        foreach (var run in runs)
        {
            var truth = CourseCorpus.TruthOf(run.Name);
            var steps = truth.Tasks.SelectMany(t => t.Steps).ToList();
            if (steps.Count != run.Pasos.Count) { problems.Add($"{run.Name}: {steps.Count} Pasos in the truth, {run.Pasos.Count} run"); continue; }
            var matches = 0;
            foreach (var (want, got) in steps.Zip(run.Pasos))
            {
                var expected = want.Verdict == "error-expected" ? "passed" : want.Verdict;
                var same = got.Verdict == expected
                           && (want.Sqlstate is null || got.Verdict != "passed" || got.Parts.Any(p => CourseCorpusRun.Errors(p).Contains(want.Sqlstate)));
                var gap = EngineGaps.TryGetValue((run.Name, want.Line), out var why);
                if (same && gap) problems.Add($"{run.Name}:{want.Line} {want.Label} now matches its truth: remove it from EngineGaps ({why})");
                else if (!same && !gap)
                    problems.Add($"{run.Name}:{want.Line} {want.Label}: truth {want.Verdict}{(want.Sqlstate is null ? "" : $" ({want.Sqlstate})")}, got {got.Verdict} — {got.Why}");
                if (same) matches++;
            }
            // "Passed" only when something was compared: across every step of every lab, never for a step that only ran.
            foreach (var r in run.Results.Where(r => r.Verdict.Status == VerdictStatus.Passed && !CourseCorpusRun.Compared(r.Verdict.Reason)))
                problems.Add($"{run.Name}: {r.Task.Id}/{r.Step.Id} passed with nothing compared ({r.Verdict.Reason})");
            output.WriteLine($"{run.Name}: {matches}/{steps.Count} Pasos as the truth says");
        }
        foreach (var name in pending) output.WriteLine($"{name}: pending (needs the sandbox of servers)");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
