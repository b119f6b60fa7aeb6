using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>Servers made while a lab runs: a new cluster, and one started on a base backup the lab took (recovery finished).</summary>
[Collection(SandboxCollection.Name)]
public sealed class ServerStepsTests(SandboxFixture fx)
{
    private static Task<StepOutput> Run(StepExecutor executor, StepAction action, Consent consent = Consent.None) =>
        executor.ExecuteAsync(action, consent, null, null, CancellationToken.None);

    [Fact]
    public async Task A_new_server_and_a_server_on_a_base_backup_run_beside_main()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await using var executor = new StepExecutor(fx.Sandbox);
        var table = $"antes_{suffix}";
        await Run(executor, new SqlAction($"CREATE TABLE {table} AS SELECT g FROM generate_series(1, 42) g;") { Database = "postgres" });

        var made = await Run(executor, new ServerAction(ServerOperation.Create, $"nuevo{suffix}"));
        var log = fx.Sandbox.HostPath($"/var/log/postgresql/postgresql-{fx.Sandbox.MajorVersion}-nuevo{suffix}.log");
        Assert.True(fx.Sandbox.Servers.Any(s => s.Name == $"nuevo{suffix}" && s.Running), made.Text + (File.Exists(log) ? File.ReadAllText(log) : "(no log)"));
        var backup = await Run(executor, new ShellAction($"pg_basebackup -D /var/lib/postgresql/copia{suffix} -c fast"), Consent.Shell);
        await Run(executor, new SqlAction($"CREATE TABLE despues_{suffix} ();") { Database = "postgres" });
        var restored = await Run(executor, new ServerAction(ServerOperation.StartOn, $"restaurado{suffix}") { DataDirectory = $"/var/lib/postgresql/copia{suffix}" });
        var counts = await Run(executor, new SqlAction($"SELECT count(*) FROM {table};\nSELECT to_regclass('despues_{suffix}') IS NULL AS ausente;") { Server = $"restaurado{suffix}" });
        Assert.True(fx.Sandbox.Servers.Any(s => s.Name == $"nuevo{suffix}" && s.Running), restored.Text + (File.Exists(log) ? File.ReadAllText(log) : "(no log)"));
        var newPort = await Run(executor, new SqlAction("SHOW port;") { Server = $"nuevo{suffix}" });
        var listed = await Run(executor, new ShellAction("pg_lsclusters -h | awk '{print $2, $4}'"), Consent.Shell);
        var stopped = await Run(executor, new ServerAction(ServerOperation.Stop, $"restaurado{suffix}"));

        Assert.Equal(StepOutcome.Completed, made.Outcome);
        Assert.Equal(StepOutcome.Completed, backup.Outcome);
        Assert.True(restored.Outcome == StepOutcome.Completed, restored.Text);
        Assert.Contains("42", counts.Text);
        Assert.Contains(" t\n", counts.Text);
        Assert.Matches(@"^\s*port\s*\n-+\n\s*543\d\n", newPort.Text);
        Assert.Contains($"nuevo{suffix} online", listed.Text);
        Assert.Contains($"restaurado{suffix} online", listed.Text);
        Assert.Equal(StepOutcome.Completed, stopped.Outcome);
        Assert.DoesNotContain(fx.Sandbox.Servers, s => s.Name == $"restaurado{suffix}" && s.Running);
        await Run(executor, new ServerAction(ServerOperation.Stop, $"nuevo{suffix}"));
    }

    [Fact]
    public async Task A_server_step_on_a_folder_that_is_no_data_directory_fails_with_a_reason()
    {
        await using var executor = new StepExecutor(fx.Sandbox);

        var output = await Run(executor, new ServerAction(ServerOperation.StartOn, "vacio") { DataDirectory = "/var/lib/postgresql/no-existe" });

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.Contains("is not a PostgreSQL data directory", output.Text);
    }
}
