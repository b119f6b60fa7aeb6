using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using LabRunner.Tests.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

/// <summary>
/// The seed lab's restore verification (Tarea 3) on a real sandbox, after its backup (Tarea 1): a correct backup
/// restores on a second server, a backup without its backup_label or without its WAL fails with the reason in the
/// lab's Spanish, and the second server is stopped and removed every time. One sandbox; each case its own backup.
/// </summary>
public sealed class SeedRestoreTests : IAsyncLifetime, IDisposable
{
    private Lab _lab = null!;
    private IServerTarget _target = null!;
    private readonly CancellationTokenSource _timeout = new(TimeSpan.FromMinutes(5));

    public async Task InitializeAsync()
    {
        var seed = (await LabLoader.LoadFileAsync(LabFiles.Seed, _timeout.Token)).Lab!;
        // The autovacuum task (a million rows) is not what these tests are about; its table is absent either way.
        _lab = seed with { Tasks = seed.Tasks.Where(t => t.Id != "autovacuum").ToList() };
        _target = await LabServers.OpenAsync(new TargetOptions { HonourPgEnvironment = false, SandboxRoot = TestPaths.SandboxRoot }, _lab.Server, _timeout.Token);
    }

    public async Task DisposeAsync() => await _target.DisposeAsync();

    public void Dispose() => _timeout.Dispose();

    private Sandbox Sandbox => (Sandbox)_target;

    /// <summary>Runs Tarea 1 in fresh sessions, lets <paramref name="spoil"/> damage the backup, then runs Tarea 3.</summary>
    private async Task<IReadOnlyDictionary<string, StepResult>> BackupAndVerify(Func<Task> spoil)
    {
        await using var executor = new StepExecutor(_target);
        var run = new LabRun(_lab, _target, executor, new LabRunOptions { Consent = ConsentRules.AllowShell });
        await run.StartAsync(_timeout.Token);
        var backup = await run.RunAllAsync(new LabRunFilter("backup"), _timeout.Token);
        Assert.All(backup, r => Assert.True(r.Verdict.Status == VerdictStatus.Passed, $"{r.Step.Id}: {r.Verdict.Said()}"));
        await spoil();
        var verify = await run.RunAllAsync(new LabRunFilter("verify-restore"), _timeout.Token);
        return verify.ToDictionary(r => r.Step.Id);
    }

    private string BackupFolder => Sandbox.HostPath("/var/lib/postgresql/backup1");
    private string WalArchive => Sandbox.HostPath("/var/lib/postgresql/archivo_wal");

    private void AssertRestoredServerIsGone(IReadOnlyDictionary<string, StepResult> steps)
    {
        Assert.Equal(VerdictStatus.Ran, steps["stop-copy"].Verdict.Status);
        Assert.Equal(VerdictStatus.Passed, steps["drop-copy"].Verdict.Status);
        Assert.DoesNotContain(Sandbox.Servers, s => s.Name == "restaurado");
        Assert.False(Directory.Exists(BackupFolder), "the restored copy is removed with its server");
    }

    [Fact]
    public async Task A_correct_backup_restores_with_the_data_from_before_it_and_the_second_server_is_removed()
    {
        // A table made after the backup, as Tarea 2 makes test_autovacuum: the restored copy must not have it.
        var steps = await BackupAndVerify(async () =>
        {
            await using var conn = new Npgsql.NpgsqlConnection(_target.ConnectionString().ConnectionString);
            await conn.OpenAsync(_timeout.Token);
            await using var cmd = new Npgsql.NpgsqlCommand("CREATE TABLE test_autovacuum AS SELECT g AS id FROM generate_series(1, 1000) g", conn);
            await cmd.ExecuteNonQueryAsync(_timeout.Token);
        });

        Assert.All(steps.Values, r => Assert.True(r.Verdict.Status == TestLabs.SeedVerdict(r.Step.Id), $"{r.Step.Id}: {r.Verdict.Status} {r.Verdict.Said()}\n{r.Output?.Text}"));
        Assert.Contains("backup_label presente; WAL completo desde", steps["check-copy"].Output!.Text);
        Assert.Contains("accepting connections (port 5433)", steps["start-copy"].Output!.Text);
        Assert.Matches(@"\n +1000 \| t +\| f\n", steps["check-data"].Output!.Text);
        AssertRestoredServerIsGone(steps);
    }

    [Fact]
    public async Task A_restore_whose_wal_arrives_slowly_is_promoted_before_the_start_step_ends()
    {
        // With hot standby on, the restored server accepts connections once the copy is consistent; its promotion then
        // fetches the new timeline's history through restore_command: a second later here. The start step must wait
        // for it, so the next step (no retries in the lab) reads pg_is_in_recovery() = f.
        _lab = _lab with
        {
            Tasks = _lab.Tasks.Select(t => t with
            {
                Steps = t.Steps.Select(s => s.Id == "prepare-recovery" && s.Action is ShellAction shell
                    ? s with { Action = new ShellAction(shell.Script.Replace("restore_command = 'cp", "restore_command = 'sleep 1; cp", StringComparison.Ordinal)) }
                    : s).ToList(),
            }).ToList(),
        };
        Assert.Contains(_lab.Tasks.SelectMany(t => t.Steps), s => s.Action is ShellAction { Script: var script } && script.Contains("sleep 1; cp", StringComparison.Ordinal));

        var steps = await BackupAndVerify(() => Task.CompletedTask);

        Assert.True(steps["check-data"].Verdict.Status == VerdictStatus.Passed, steps["check-data"].Output?.Text);
        Assert.Matches(@"\n +1000 \| t +\| f\n", steps["check-data"].Output!.Text);
        AssertRestoredServerIsGone(steps);
    }

    [Fact]
    public async Task A_backup_without_its_backup_label_fails_the_verification_saying_so_and_the_second_server_is_removed()
    {
        var steps = await BackupAndVerify(() =>
        {
            File.Delete(Path.Combine(BackupFolder, "backup_label"));
            return Task.CompletedTask;
        });

        var check = steps["check-copy"];
        Assert.Equal(VerdictStatus.Failed, check.Verdict.Status);
        Assert.StartsWith("Falta backup_label en /var/lib/postgresql/backup1: guarda ahí el labelfile que devolvió pg_backup_stop (Tarea 1, Paso 4).", check.Output!.Text);
        Assert.Contains("la copia quedaría inconsistente", check.Output.Text);
        AssertRestoredServerIsGone(steps);
    }

    [Fact]
    public async Task A_backup_whose_wal_is_missing_fails_the_verification_and_the_restore_saying_so_and_the_second_server_is_removed()
    {
        string? removed = null;
        var steps = await BackupAndVerify(() =>
        {
            // The backup's first segment: the one backup_label names.
            var label = File.ReadAllText(Path.Combine(BackupFolder, "backup_label"));
            removed = System.Text.RegularExpressions.Regex.Match(label, @"\(file ([0-9A-F]{24})\)").Groups[1].Value;
            File.Delete(Path.Combine(WalArchive, removed));
            return Task.CompletedTask;
        });

        var check = steps["check-copy"];
        Assert.Equal(VerdictStatus.Failed, check.Verdict.Status);
        Assert.Matches(@"^Falta WAL entre el inicio \(0/[0-9A-F]+\) y el fin \(0/[0-9A-F]+\) del backup en /var/lib/postgresql/archivo_wal: sin esos segmentos la copia no llega a ser consistente\.\n", check.Output!.Text);
        Assert.Contains($"Falta el segmento {removed}.", check.Output.Text); // names the segment that is not archived
        var start = steps["start-copy"];
        Assert.Equal(VerdictStatus.Failed, start.Verdict.Status);
        Assert.Equal("The sandbox PostgreSQL server restaurado did not start: FATAL:  could not locate required checkpoint record",
            Assert.IsType<ServerStepFailed>(start.Verdict.Reason).Problem);
        Assert.Contains($"cp: cannot stat '/var/lib/postgresql/archivo_wal/{removed}'", start.Output!.Text); // the log's tail shows the missing segment
        Assert.Equal(VerdictStatus.Error, steps["check-data"].Verdict.Status); // no server to ask
        AssertRestoredServerIsGone(steps);
    }
}
