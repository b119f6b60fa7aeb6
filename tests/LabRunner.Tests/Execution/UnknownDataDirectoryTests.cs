using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

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
        await using var executor = new StepExecutor(server, new Dictionary<string, string>(), new ExecutionOptions { AllowShell = true });

        var output = await executor.ExecuteAsync(new ShellAction($"touch {marker}; ls {{{{data_directory}}}}/"), null, null, CancellationToken.None);

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.Contains("not run: the command uses {{data_directory}}", output.Text);
        Assert.False(File.Exists(marker));
    }
}
