using System.Diagnostics;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

public sealed class SandboxTests
{
    private static readonly string Root = Path.Combine(TestPaths.SandboxRoot, "own");

    private static Task<Sandbox> StartAsync(string database = "curso", IReadOnlyDictionary<string, string>? settings = null, bool keep = false, string? root = null) =>
        Sandbox.StartAsync(new SandboxOptions
        {
            Database = database,
            Settings = settings ?? new Dictionary<string, string>(),
            Keep = keep,
            RootDirectory = root ?? Root,
        }, CancellationToken.None);

    internal static async Task<string> ScalarAsync(IServerTarget target, string sql, string? database = null)
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
    public async Task Main_is_a_Debian_cluster_at_the_Debian_paths_on_port_5432_of_its_own_loopback()
    {
        await using var sandbox = await StartAsync();

        Assert.Equal($"/var/lib/postgresql/{sandbox.MajorVersion}/main", await ScalarAsync(sandbox, "SHOW data_directory"));
        Assert.Equal($"/etc/postgresql/{sandbox.MajorVersion}/main/postgresql.conf", await ScalarAsync(sandbox, "SHOW config_file"));
        Assert.Equal("5432", await ScalarAsync(sandbox, "SHOW port"));
        Assert.Equal($"{sandbox.MajorVersion}/main", await ScalarAsync(sandbox, "SHOW cluster_name"));
        Assert.Equal("localhost", await ScalarAsync(sandbox, "SHOW listen_addresses"));
        // LabRunner reaches it over the socket in the sandbox folder.
        Assert.Equal(Path.Combine(sandbox.Directory, "run", "postgresql"), sandbox.SocketDirectory);
        Assert.True(File.Exists(Path.Combine(sandbox.SocketDirectory, ".s.PGSQL.5432")));
    }

    [Fact]
    public async Task The_sandbox_folder_is_private_and_belongs_to_the_servers_user()
    {
        await using var sandbox = await StartAsync();

        var expected = Environment.IsPrivilegedProcess ? "postgres" : Environment.UserName;
        Assert.Equal($"700 {expected}", (await HostProcesses.RunAsync("stat", "-c", "%a %U", sandbox.Directory)).Output.Trim());
        Assert.Equal(expected, (await HostProcesses.RunAsync("stat", "-c", "%U", sandbox.HostPath(sandbox.DataDirectory!))).Output.Trim());
        // Every process of the sandbox runs as that user on the host (inside, as postgres).
        var ns = HostProcesses.PidNamespace(((ConfinedSandbox)sandbox).HolderPid!.Value)!;
        var users = new HashSet<string>();
        foreach (var pid in HostProcesses.InNamespace(ns))
            users.Add((await HostProcesses.RunAsync("ps", "-o", "user=", "-p", pid.ToString())).Output.Trim());
        Assert.Equal([expected], users);
    }

    [Fact]
    public async Task Dispose_ends_every_process_of_the_sandbox_and_removes_its_folder()
    {
        var sandbox = (ConfinedSandbox)await StartAsync();
        var ns = HostProcesses.PidNamespace(sandbox.HolderPid!.Value)!;
        Assert.Contains(HostProcesses.InNamespace(ns), p => HostProcesses.CommandLine(p).Contains("postgres"));

        await sandbox.DisposeAsync();

        Assert.False(Directory.Exists(sandbox.Directory));
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(ns).Count == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Keep_leaves_the_sandbox_running_the_next_start_keeps_it_and_clean_removes_it()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, "keep");
        var kept = (ConfinedSandbox)await StartAsync(keep: true, root: root);
        var ns = HostProcesses.PidNamespace(kept.HolderPid!.Value)!;
        await kept.DisposeAsync();
        try
        {
            await using (await StartAsync(root: root)) { }

            Assert.Equal("curso", await ScalarAsync(kept, "SELECT current_database()"));
            Assert.Contains(SandboxJanitor.Leftovers(root), l => l.Directory == kept.Directory && l.State == LeftoverState.Kept);
            Assert.Contains(kept.KeptInstructions, l => l.Contains("kill -9", StringComparison.Ordinal));
        }
        finally
        {
            await SandboxJanitor.RemoveAsync(kept.Directory);
        }
        Assert.False(Directory.Exists(kept.Directory));
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(ns).Count == 0, TimeSpan.FromSeconds(10)));
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
    public async Task Kill_9_of_the_runner_ends_its_servers_at_once_and_the_next_start_removes_the_folder()
    {
        var root = Path.Combine(TestPaths.SandboxRoot, "kill9");
        var child = Process.Start(new ProcessStartInfo("dotnet", [TestPaths.LabrunnerDll, "sandbox", "--sandbox-root", root])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        try
        {
            string? ready;
            do ready = await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(120));
            while (ready is not null && !ready.Contains("sandbox ready"));
            Assert.NotNull(ready);
            var leftover = ready![(ready.LastIndexOf(": ", StringComparison.Ordinal) + 2)..].Trim();
            var holder = int.Parse(System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(leftover, "holder.json")), @"""child-pid"": (\d+)").Groups[1].Value);
            var ns = HostProcesses.PidNamespace(holder)!;
            Assert.Contains(HostProcesses.InNamespace(ns), p => HostProcesses.CommandLine(p).Contains("postgres"));

            child.Kill(); // SIGKILL: no cleanup code runs
            await child.WaitForExitAsync();

            // The holder's stdin pipe closed with the runner: the kernel ends the pid namespace, servers included.
            Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(ns).Count == 0, TimeSpan.FromSeconds(10)),
                "processes left: " + string.Join("; ", HostProcesses.InNamespace(ns).Select(HostProcesses.CommandLine)));
            Assert.True(Directory.Exists(leftover));

            await using var next = await Sandbox.StartAsync(new SandboxOptions { RootDirectory = root }, CancellationToken.None);

            Assert.False(Directory.Exists(leftover));
        }
        finally
        {
            if (!child.HasExited) child.Kill();
        }
    }
}
