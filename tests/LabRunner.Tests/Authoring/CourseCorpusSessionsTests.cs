using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Psql;
using LabRunner.Running;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Sessions named in a lab's prose are real, separate sessions: an UPDATE really waits for the other session's row lock
/// and completes after its COMMIT; two transfers really deadlock and one session gets 40P01.
/// </summary>
[Collection(SandboxCollection.Name)]
public class CourseCorpusSessionsTests
{
    [Fact]
    public async Task The_blocked_update_completes_after_the_other_sessions_commit()
    {
        var run = await CourseCorpusRun.RunAsync("bloqueo-update-commit", CancellationToken.None);

        // Tarea 2: Paso 2 (session B) waits for A's lock; Paso 4 (session A) commits.
        var order = run.Events.Where(e => e.Task.Id == "task-2").Select(e => $"{e.GetType().Name} {e.Step.Id}").ToList();
        var detached = run.Events.OfType<StepDetached>().Single(e => e.Task.Id == "task-2");
        Assert.Equal("step-2", detached.Step.Id);
        Assert.Equal("A", detached.Lock.BlockingSession); // the lock is held by the other session the lab names
        // The COMMIT was sent while the UPDATE still waited; the UPDATE ended only after that.
        Assert.True(order.IndexOf("StepStarted step-4") < order.IndexOf("StepFinished step-2"), string.Join("\n", order));
        var waited = run.Results.Single(r => r.Task.Id == "task-2" && r.Step.Id == "step-2");
        Assert.Equal("B", ((SqlAction)waited.Action).Session);
        Assert.Contains(waited.Output!.Results.OfType<CommandTag>(), t => t.Tag == "UPDATE 1");
        Assert.Equal(VerdictStatus.Passed, waited.Verdict.Status);
        var balances = run.Results.Single(r => r.Task.Id == "task-2" && r.Step.Id == "step-5");
        Assert.Equal(VerdictStatus.Passed, balances.Verdict.Status); // 500 - 100 + 50: both updates applied, in order
    }

    [Theory]
    [InlineData("deadlock-inventario", "B", "A")]
    [InlineData("deadlock-transfers", "terminal-1", "terminal-2")]
    public async Task Two_sessions_deadlock_and_one_of_them_gets_40P01(string lab, string victim, string survivor)
    {
        var run = await CourseCorpusRun.RunAsync(lab, CancellationToken.None);

        var errors = run.Results.Where(r => r.Output?.Results.OfType<StatementError>().Any(e => e.SqlState == "40P01") == true).ToList();
        var got = Assert.Single(errors);
        Assert.Equal(victim, ((SqlAction)got.Action).Session);
        Assert.Equal(VerdictStatus.Passed, got.Verdict.Status); // the lab says this session is the victim
        // The other session's waiting UPDATE went through once the victim's transaction was cancelled.
        var released = run.Results.Where(r => r.Action is SqlAction s && s.Session == survivor && r.Step.Background is false)
            .Where(r => r.Output?.Results.OfType<CommandTag>().Any(t => t.Tag == "UPDATE 1") == true && run.Events.OfType<StepDetached>().Any(d => d.Step == r.Step));
        Assert.Single(released);
    }
}
