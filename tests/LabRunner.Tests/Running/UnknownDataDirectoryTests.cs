using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

[Collection(SandboxCollection.Name)]
public sealed class UnknownDataDirectoryTests(SandboxFixture fx)
{
    [Fact]
    public async Task A_shell_step_using_data_directory_does_not_run_when_the_role_cannot_read_it()
    {
        var db = await fx.CreateDatabaseAsync();
        var role = "student_" + Guid.NewGuid().ToString("N")[..6];
        await using (var conn = await fx.OpenAsync(db))
        await using (var cmd = new Npgsql.NpgsqlCommand($"CREATE ROLE {role} LOGIN", conn))
            await cmd.ExecuteNonQueryAsync();
        await fx.AllowLocalLoginAsync(role);
        await using var server = await ExistingServer.ConnectAsync(
            $"host={fx.Sandbox.SocketDirectory} port={fx.Sandbox.Port} user={role} dbname={db}", null, CancellationToken.None);
        Assert.Null(server.DataDirectory);
        var marker = Path.Combine(server.WorkDirectory, "ran");
        var step = new Step { Id = "copy", Title = "copy", Action = new ShellAction($"touch {marker}; ls {{{{data_directory}}}}/") };
        var lab = new Lab { Id = "dd", Title = "dd", Tasks = [new LabTask { Id = "t", Title = "t", Steps = [step] }] };
        await using var executor = new StepExecutor(server);
        var run = new LabRun(lab, server, executor, new LabRunOptions { Consent = Consent.Shell | Consent.Unconfined, RunSetup = false } /* a shared server: only --unconfined-shell lets shell steps run */);

        var result = Assert.Single(await run.RunAllAsync(null, CancellationToken.None));

        Assert.Equal(VerdictStatus.Failed, result.Verdict.Status);
        Assert.StartsWith("not run: the command uses {{data_directory}}", result.Verdict.Said());
        Assert.Null(result.Output);
        Assert.False(File.Exists(marker));
    }
}
