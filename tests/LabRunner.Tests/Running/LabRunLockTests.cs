using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using LabRunner.Running;
using LabRunner.Tests.Checking;

namespace LabRunner.Tests.Running;

/// <summary>LabRun with the real executor: a step blocked on another session's lock lets the run go on to the step that releases it.</summary>
[Collection(SandboxCollection.Name)]
public sealed class LabRunLockTests(SandboxFixture fx)
{
    private static Step Sql(string id, string sql, string session, Expectation? expect = null) =>
        new() { Id = id, Title = id, Action = new SqlAction(sql, session), Expect = expect };

    [Fact]
    public async Task A_step_waiting_for_a_lock_gets_its_result_after_a_later_step_releases_the_lock()
    {
        var db = await fx.CreateDatabaseAsync("lock");
        var lab = new Lab
        {
            Id = "locks",
            Title = "Locks",
            Server = new ServerRequirements { Database = db, Setup = "CREATE TABLE t (v int); INSERT INTO t VALUES (1), (2);" },
            Tasks =
            [
                new LabTask
                {
                    Id = "t", Title = "t",
                    Steps =
                    [
                        Sql("lock", "BEGIN; LOCK TABLE t IN ACCESS EXCLUSIVE MODE; INSERT INTO t VALUES (3);", "alice"),
                        Sql("blocked", "SELECT count(*) FROM t;", "bob", new Expectation { Panel = " count\n-------\n     3\n(1 row)\n" }),
                        Sql("commit", "COMMIT;", "alice"),
                    ],
                },
            ],
        };
        var target = new DatabaseTarget(fx.Sandbox, db);
        await using var executor = new StepExecutor(target);
        var run = new LabRun(lab, target, executor);
        var events = new List<RunEvent>();
        run.Event += (_, e) => { lock (events) events.Add(e); };

        var results = await run.RunAllAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        // The blocked SELECT compared its count; the others had nothing to compare and ran.
        Assert.All(results, r => Assert.True(r.Verdict.Status == (r.Step.Expect is null ? VerdictStatus.Ran : VerdictStatus.Passed), $"{r.Step.Id}: {r.Verdict.Said()}"));
        Assert.Contains(events, e => e is StepDetached { Step.Id: "blocked" });
        var order = events.Select(e => $"{e.GetType().Name} {e.Step.Id}").ToList();
        Assert.True(order.IndexOf("StepStarted commit") < order.IndexOf("StepFinished blocked"), string.Join("\n", order));
        Assert.Empty(run.ObserverErrors);
    }
}
