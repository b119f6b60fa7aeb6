using System.Diagnostics;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

public sealed class SandboxTests
{
    private static readonly string Root = Path.Combine(TestPaths.SandboxRoot, "own");

    private static Task<Sandbox> StartAsync(string database = "curso", IReadOnlyDictionary<string, string>? settings = null, bool keep = false) =>
        Sandbox.StartAsync(new SandboxOptions
        {
            Database = database,
            Settings = settings ?? new Dictionary<string, string>(),
            Keep = keep,
            RootDirectory = Root,
        }, CancellationToken.None);

    private static async Task<string> ScalarAsync(IServerTarget target, string sql, string? database = null)
    {
        await using var conn = new NpgsqlConnection(target.ConnectionString(database).ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return Convert.ToString(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Sandbox_applies_the_lab_settings_and_creates_the_lab_database()
    {
        await using var sandbox = await StartAsync("curso", new Dictionary<string, string>
        {
            ["autovacuum_naptime"] = "7s",
            ["max_prepared_transactions"] = "5",
        });

        Assert.Equal("7s", await ScalarAsync(sandbox, "SHOW autovacuum_naptime"));
        Assert.Equal("5", await ScalarAsync(sandbox, "SHOW max_prepared_transactions"));
        Assert.Equal("curso", await ScalarAsync(sandbox, "SELECT current_database()"));
        Assert.Equal(sandbox.Version, await ScalarAsync(sandbox, "SELECT split_part(current_setting('server_version'), ' ', 1)"));
    }

    [Fact]
    public async Task Sandbox_listens_only_on_its_own_socket()
    {
        await using var sandbox = await StartAsync();

        Assert.Equal("", await ScalarAsync(sandbox, "SHOW listen_addresses"));
        Assert.Equal(sandbox.SocketDirectory, await ScalarAsync(sandbox, "SHOW unix_socket_directories"));
        Assert.True(File.Exists(Path.Combine(sandbox.SocketDirectory, $".s.PGSQL.{sandbox.Port}")));
    }

    [Fact]
    public async Task Sandbox_cluster_belongs_to_postgres_when_running_as_root()
    {
        await using var sandbox = await StartAsync();

        var owner = await RunAsync("stat", "-c", "%U", sandbox.DataDirectory!);
        var expected = Environment.IsPrivilegedProcess ? "postgres" : Environment.UserName;
        Assert.Equal(expected, owner.Trim());
        // The server process runs as that user too.
        var serverUser = await RunAsync("ps", "-o", "user=", "-p", PostmasterPid(sandbox.DataDirectory!).ToString());
        Assert.Equal(expected, serverUser.Trim());
    }

    [Fact]
    public async Task Dispose_stops_the_server_and_removes_the_directory()
    {
        var sandbox = await StartAsync();
        var pid = PostmasterPid(sandbox.DataDirectory!);

        await sandbox.DisposeAsync();

        Assert.False(Directory.Exists(sandbox.Directory));
        Assert.False(IsAlive(pid));
    }

    [Fact]
    public async Task Keep_leaves_the_server_running_and_the_next_start_does_not_remove_it()
    {
        var kept = await StartAsync(keep: true);
        var pid = PostmasterPid(kept.DataDirectory!);
        await kept.DisposeAsync();
        try
        {
            await using var other = await StartAsync();

            Assert.True(IsAlive(pid));
            Assert.Equal("curso", await ScalarAsync(kept, "SELECT current_database()"));
        }
        finally
        {
            await SandboxJanitor.RemoveAsync(kept.Directory);
            Directory.Delete(kept.Directory, recursive: true);
        }
        Assert.False(IsAlive(pid));
    }

    [Fact]
    public async Task A_server_that_fails_to_start_is_reported_with_the_tail_of_its_log_and_leaves_nothing()
    {
        var before = Directory.Exists(Root) ? Directory.GetDirectories(Root, "sandbox-*") : [];

        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() =>
            StartAsync(settings: new Dictionary<string, string> { ["shared_buffers"] = "banana" }));

        Assert.Contains("did not start", error.Message);
        Assert.Contains("shared_buffers", error.Message); // from the server log
        Assert.Empty(Directory.GetDirectories(Root, "sandbox-*").Except(before)); // (the janitor may have removed old leftovers)
    }

    [Fact]
    public async Task Missing_binaries_give_the_install_hint()
    {
        var error = await Assert.ThrowsAsync<PostgresUnavailableException>(() => PgBinaries.FindAsync("/nonexistent/bin", CancellationToken.None));

        Assert.Contains("apt-get install -y postgresql", error.Message);
    }

    [Fact]
    public async Task The_next_start_stops_and_removes_a_cluster_left_by_a_killed_runner()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, "kill9");
        var child = Process.Start(new ProcessStartInfo("dotnet", [TestPaths.LabrunnerDll, "sandbox", "--sandbox-root", root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        string? ready;
        do ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60));
        while (ready is not null && !ready.Contains("sandbox ready"));
        Assert.NotNull(ready);
        var leftover = ready![(ready.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
        var pid = PostmasterPid(Path.Combine(leftover, "data"));

        child.Kill(); // SIGKILL: no cleanup runs
        await child.WaitForExitAsync();
        Assert.True(IsAlive(pid), "the killed runner's server should still be running (orphaned)");

        await using var next = await Sandbox.StartAsync(new SandboxOptions { RootDirectory = root }, CancellationToken.None);

        Assert.False(Directory.Exists(leftover));
        Assert.False(IsAlive(pid));
    }

    internal static int PostmasterPid(string dataDirectory) =>
        int.Parse(File.ReadLines(Path.Combine(dataDirectory, "postmaster.pid")).First().Trim());

    internal static bool IsAlive(int pid) =>
        File.Exists($"/proc/{pid}/stat") && !File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ");

    private static async Task<string> RunAsync(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return text;
    }
}
