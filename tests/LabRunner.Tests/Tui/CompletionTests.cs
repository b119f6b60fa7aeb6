using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The end of a lab. Before: reaching 5/5 showed nothing and the grader's checks were invisible to the student; now a
/// completion screen sums up and "Check my work" runs the lab's checks read-only, through the grader as `grade` does.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class CompletionTests(SandboxFixture fx)
{
    private static T Sync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    private static Lab WithCheck(Lab lab) => lab with
    {
        Tasks = [lab.Tasks[0], lab.Tasks[1] with { Checks = [new Step { Id = "c1", Title = "La tabla existe", Action = new SqlAction("SELECT 1;") }] }],
    };

    [Fact]
    public void The_last_step_done_opens_the_completion_screen_and_Check_my_work_shows_each_check()
    {
        var runner = new ScriptedRunner();
        runner.Checks.Add(new CheckOutcome("Tarea 2. Autovacuum", "La tabla existe", Verdict.Pass()));
        runner.Checks.Add(new CheckOutcome("Tarea 2. Autovacuum", "Se ejecutó autovacuum", Verdict.Fail(new RowCountDiffers(1, 0, null, null))));
        using var h = new ScreenHarness(WithCheck(SampleLab.Create()), runner, width: 80, height: 24);
        for (var i = 0; i < h.Session.Steps.Count; i++)
        {
            h.Session.Select(i);
            h.Press(Key.F5);
            if (h.Session.Pending?.Kind == QuestionKind.ShellConsent) h.Press(Key.A);
            h.WaitUntil(() => !h.Session.IsBusy);
            if (i < h.Session.Steps.Count - 1) Assert.Null(h.Session.Pending);
        }
        Assert.Equal(QuestionKind.Completed, h.Session.Pending?.Kind);
        Assert.Contains("All 5 steps done.", h.Text);
        Assert.Contains("Check my work", h.Text);

        h.Press(Key.Enter); // Check my work: the default
        h.WaitUntil(() => h.Session.Pending?.Kind == QuestionKind.CheckResults);
        Assert.Equal(1, runner.CheckRuns);
        var screen = h.Text;
        Assert.Contains("1 of 2 checks passed.", screen);
        Assert.Contains("✓ Tarea 2. Autovacuum · La tabla existe", screen);
        Assert.Contains("✗ Tarea 2. Autovacuum · Se ejecutó autovacuum", screen);
    }

    [Fact]
    public void A_lab_without_checks_ends_with_its_summary_only()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F2); // a hint used shows in the summary
        for (var i = 0; i < h.Session.Steps.Count; i++)
        {
            h.Session.Select(i);
            h.Press(Key.F5);
            if (h.Session.Pending?.Kind == QuestionKind.ShellConsent) h.Press(Key.A);
            h.WaitUntil(() => !h.Session.IsBusy);
        }
        Assert.Equal(QuestionKind.Completed, h.Session.Pending?.Kind);
        Assert.Equal([Choice.Close], h.Session.Pending!.Choices.Select(c => c.Choice));
        Assert.Contains("1 hint used.", h.Text);
        Assert.Equal(0, runner.CheckRuns);
    }

    [Fact]
    public void Check_my_work_runs_the_checks_read_only_on_the_real_server()
    {
        var table = "checked_" + Guid.NewGuid().ToString("N")[..8];
        var lab = new Lab
        {
            Id = "check-mine", Title = "Check mine", Server = new ServerRequirements { Database = "postgres" },
            Tasks =
            [
                new LabTask
                {
                    Id = "t", Title = "T",
                    Steps = [new Step { Id = "s", Title = "S", Action = new SqlAction($"CREATE TABLE {table} (i int); INSERT INTO {table} VALUES (1);") }],
                    Checks =
                    [
                        new Step { Id = "c1", Title = "one row", Action = new SqlAction($"SELECT count(*) AS n FROM {table};"), Expect = new Expectation { Columns = ["n"], Rows = [["1"]] } },
                        new Step { Id = "c2", Title = "writes", Action = new SqlAction($"DELETE FROM {table};") },
                    ],
                },
            ],
        };
        var runner = Sync(() => LabRunStepRunner.StartAsync(lab,
            async ct => (IServerTarget)await ExistingServer.ConnectAsync(fx.Sandbox.ConnectionString("postgres").ConnectionString, null, ct),
            (target, o) => new StepExecutor(target, o), null, CancellationToken.None));
        try
        {
            using var h = new ScreenHarness(lab, runner);
            h.Press(Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Equal(QuestionKind.Completed, h.Session.Pending?.Kind);
            h.Press(Key.Enter);
            h.WaitUntil(() => h.Session.Pending?.Kind == QuestionKind.CheckResults);
            var results = h.Session.Pending!.Message;
            Assert.Contains("1 of 2 checks passed.", results);
            Assert.Contains("✓ T · one row", results);
            Assert.DoesNotContain("✓ T · writes", results); // refused: a check may only read
            var left = Sync(async () =>
            {
                await using var conn = new Npgsql.NpgsqlConnection(fx.Sandbox.ConnectionString("postgres").ConnectionString);
                await conn.OpenAsync();
                await using var cmd = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", conn);
                return (long)(await cmd.ExecuteScalarAsync())!;
            });
            Assert.Equal(1, left);
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask().ContinueWith(_ => true));
        }
    }
}
