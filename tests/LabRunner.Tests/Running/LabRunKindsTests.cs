using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Tests.Checking;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

/// <summary>
/// LabRun with the real executor and the step kinds course labs need: a manual step runs nothing and is reported manual;
/// a file step writes into the work folder for a later shell step; a background step (a long query another session
/// cancels) lets the lab go on, and its result arrives when it ends.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class LabRunKindsTests(SandboxFixture fx)
{
    [Fact]
    public async Task Manual_file_and_background_steps_run_as_the_lab_says()
    {
        var db = await fx.CreateDatabaseAsync("kinds");
        var sleep = "SELECT pg_sleep(600);";
        var lab = new Lab
        {
            Id = "kinds",
            Title = "Kinds",
            Server = new ServerRequirements { Database = db },
            Tasks =
            [
                new LabTask
                {
                    Id = "t", Title = "t",
                    Steps =
                    [
                        new Step { Id = "open", Title = "Paso 1. Abrir una terminal", Action = ManualAction.Instance },
                        new Step { Id = "save", Title = "Paso 2. Guardar", Action = new FileAction($"scripts/{db}.sql", "SELECT 40 + 2 AS n;") },
                        new Step { Id = "load", Title = "Paso 3. Ejecutar", Action = new ShellAction($"cat scripts/{db}.sql"), Expect = new Expectation { OutputContains = "SELECT 40 + 2 AS n;" } },
                        new Step
                        {
                            Id = "slow", Title = "Paso 4. Una consulta larga", Action = new SqlAction(sleep, "two"), Background = true,
                            Expect = new Expectation { Panel = "ERROR:  canceling statement due to user request" },
                        },
                        new Step
                        {
                            Id = "cancel", Title = "Paso 5. Cancelarla desde la otra sesión",
                            Action = new SqlAction($"SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE query = '{sleep}' AND state = 'active';"),
                            Expect = new Expectation { Panel = " pg_cancel_backend \n-------------------\n t\n(1 row)" },
                        },
                    ],
                },
            ],
        };
        var target = new DatabaseTarget(fx.Sandbox, db);
        await using var executor = new StepExecutor(target);
        // A database of the shared test sandbox: its shell is the host's (a harmless `cat`), so unconfined is granted too.
        var run = new LabRun(lab, target, executor, new LabRunOptions { Consent = Consent.Shell | Consent.Unconfined });

        var results = await run.RunAllAsync(null, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

        var verdicts = results.ToDictionary(r => r.Step.Id, r => r.Verdict);
        Assert.Equal(VerdictStatus.Manual, verdicts["open"].Status);
        Assert.Equal(new FileWritten($"scripts/{db}.sql"), verdicts["save"].Reason);
        Assert.True(File.Exists(Path.Combine(target.WorkDirectory, "scripts", db + ".sql")));
        Assert.True(verdicts["load"].Status == VerdictStatus.Passed, verdicts["load"].Said() + string.Join("\n", results.Select(r => r.Output?.Text)));
        Assert.True(verdicts["slow"].Status == VerdictStatus.Passed, verdicts["slow"].Said());
        Assert.True(verdicts["cancel"].Status == VerdictStatus.Passed, verdicts["cancel"].Said());
        Assert.Equal(1, run.Summary.Manual);
    }

    [Fact]
    public async Task A_file_step_never_writes_outside_the_work_folder()
    {
        var db = await fx.CreateDatabaseAsync("kinds");
        var target = new DatabaseTarget(fx.Sandbox, db);
        await using var executor = new StepExecutor(target);
        var outside = Path.Combine(Path.GetTempPath(), $"labrunner-outside-{Guid.NewGuid():N}.sql");

        var output = await executor.ExecuteAsync(new FileAction(outside, "x"), Consent.None, null, null, CancellationToken.None);

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.Contains("outside the lab's work folder", output.Text);
        Assert.False(File.Exists(outside));
    }
}
