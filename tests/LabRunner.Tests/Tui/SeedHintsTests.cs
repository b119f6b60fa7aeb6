using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;
using LabRunner.Text;
using LabRunner.Tests.Labs;
using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

/// <summary>The bundled lab's hints: one for every step, in the lab's Spanish, a nudge rather than the answer.</summary>
public sealed class SeedHintsTests
{
    private static Lab Seed => LabLoader.LoadFile(LabFiles.Seed).Lab!;

    [Fact]
    public void Every_step_of_the_seed_lab_has_a_hint_that_does_not_give_the_command_away()
    {
        var steps = Seed.Tasks.SelectMany(t => t.Steps).ToList();
        Assert.Equal(15, steps.Count);
        foreach (var step in steps)
        {
            Assert.False(string.IsNullOrWhiteSpace(step.Hint), $"{step.Id} has no hint");
            // The command itself is F2's second level; the hint must not paste any line of it.
            foreach (var action in new[] { step.Action }.Concat(step.Variants.Select(v => v.Action)))
                foreach (var line in action.Command.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 12))
                    Assert.DoesNotContain(line, step.Hint!);
        }
    }

    [Fact]
    public void A_failure_that_names_its_cause_comes_before_the_authors_hint()
    {
        // Before: an author's hint replaced the SQLSTATE-aware one ("the table does not exist yet: did you run Paso 2?").
        var lab = Seed;
        var task = lab.Tasks[1];
        var step = new StepRef(6, 1, task, task.Steps.Single(s => s.Id == "table-stats"));
        var message = "relation \"test_autovacuum\" does not exist";
        var failed = new StepRunResult(new StepOutput($"ERROR:  {message}\n", [new StatementError("ERROR", "42P01", message, null, null, null, null)],
            StepOutcome.Failed, TimeSpan.FromMilliseconds(3)), Verdict.Error(new CouldNotRun(message)));

        var nudge = StepHints.Nudge(Catalogue.Spanish, step, failed)!;
        Assert.Contains("42P01", nudge);
        Assert.Contains(step.Step.Hint!.Trim(), nudge);
        Assert.True(nudge.IndexOf("42P01", StringComparison.Ordinal) < nudge.IndexOf(step.Step.Hint!.Trim(), StringComparison.Ordinal));
        Assert.Equal(step.Step.Hint!.Trim(), StepHints.Nudge(Catalogue.Spanish, step, null)); // before any run: the author's alone
    }
}
