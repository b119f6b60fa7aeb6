using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// Shell steps (and what servers run) are confined to the sandbox: the host is read-only, home folders are absent,
/// /tmp is the sandbox's, and a PostgreSQL of the host on 127.0.0.1:5432 is neither reachable nor touched.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ConfinementTests(SandboxFixture fx)
{
    private StepExecutor Executor(IServerTarget? target = null) =>
        new(target ?? fx.Sandbox);

    private static async Task<StepOutput> ShellAsync(StepExecutor executor, string script, string? server = null) =>
        await executor.ExecuteAsync(new ShellAction(script) { Server = server }, Consent.Shell, null, null, CancellationToken.None);

    [Fact]
    public async Task Writes_to_etc_root_and_tmp_leave_the_host_untouched()
    {
        var name = "labrunner-confined-" + Guid.NewGuid().ToString("N")[..8];
        await using var executor = Executor();

        var output = await ShellAsync(executor, $"touch /etc/{name}; echo etc=$?; touch /root/{name}; echo root=$?; touch /tmp/{name}; echo tmp=$?");

        Assert.Contains("etc=1", output.Text);
        Assert.Contains("Read-only file system", output.Text);
        Assert.Contains("root=1", output.Text);
        Assert.Contains("tmp=0", output.Text);
        Assert.False(File.Exists($"/etc/{name}"));
        Assert.False(File.Exists($"/root/{name}"));
        Assert.False(File.Exists($"/tmp/{name}"));
        Assert.True(File.Exists(fx.Sandbox.HostPath($"/tmp/{name}")));
    }

    [Fact]
    public async Task A_step_sees_its_sandbox_at_the_Debian_paths_as_postgres_never_as_root()
    {
        await using var executor = Executor();
        var v = fx.Sandbox.MajorVersion;

        var output = await ShellAsync(executor, "id -un; pwd; echo $PGHOST $PGPORT $PGUSER $PGDATABASE; pg_lsclusters -h | awk '$2 == \"main\" {print $1, $2, $3, $4}'; " +
            "psql -Atc 'SHOW data_directory'; test -e /home && echo home-present || echo home-absent; touch /tmp/whose");

        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Equal(["postgres", "/var/lib/postgresql", $"/var/run/postgresql 5432 postgres {fx.Sandbox.Database}", $"{v} main 5432 online",
            $"/var/lib/postgresql/{v}/main", "home-absent"], output.Text.TrimEnd().Split('\n'));
        // On the host, what the step made belongs to the sandbox's user: postgres when LabRunner is root, never root.
        var owner = (await HostProcesses.RunAsync("stat", "-c", "%U", fx.Sandbox.HostPath("/tmp/whose"))).Output.Trim();
        Assert.Equal(Environment.IsPrivilegedProcess ? "postgres" : Environment.UserName, owner);
    }

    [Fact]
    public async Task Copy_to_program_runs_inside_the_confinement()
    {
        var name = "labrunner-copy-" + Guid.NewGuid().ToString("N")[..8];
        await using var executor = Executor();

        var output = await executor.ExecuteAsync(new SqlAction(
            // Each program reads its input first: one that exits before the server has written the row makes COPY
            // fail with "Broken pipe" instead, whatever the program did.
            $"COPY (SELECT 1) TO PROGRAM 'cat > /dev/null; touch /etc/{name}';\nCOPY (SELECT 1) TO PROGRAM 'cat > /dev/null; id -un > /tmp/{name}';"), Consent.ServerProgram, null, null, CancellationToken.None);

        Assert.Contains($"ERROR:  program \"cat > /dev/null; touch /etc/{name}\" failed", output.Text); // touch: Read-only file system (in the server log)
        Assert.False(File.Exists($"/etc/{name}"));
        Assert.False(File.Exists($"/tmp/{name}"));
        Assert.Equal("postgres", File.ReadAllText(fx.Sandbox.HostPath($"/tmp/{name}")).Trim());
    }
}
