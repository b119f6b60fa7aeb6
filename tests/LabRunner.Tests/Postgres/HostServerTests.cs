using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// A PostgreSQL of the host listening on 127.0.0.1:5432 and /var/run/postgresql (as on a student's Debian machine) is
/// invisible to a sandbox: `psql -h 127.0.0.1 -p 5432` and the Debian socket reach the sandbox's main, and
/// `service postgresql stop` and a step's setsid background job stop only what is the sandbox's.
/// </summary>
public sealed class HostServerTests : IAsyncLifetime
{
    private readonly string _hostDir = Path.Combine(Path.GetTempPath(), "labrunner-hostpg-" + Guid.NewGuid().ToString("N")[..8]);
    private int _hostPid;

    private string HostSocket => Path.Combine(_hostDir, "sock");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_hostDir);
        var bins = await PgBinaries.FindAsync(null, CancellationToken.None);
        string[] asPostgres = Environment.IsPrivilegedProcess ? ["runuser", "-u", "postgres", "--"] : [];
        if (Environment.IsPrivilegedProcess) await HostProcesses.RunAsync("chown", "postgres:postgres", _hostDir);
        await Run([.. asPostgres, bins.InitDb, "-D", Path.Combine(_hostDir, "data"), "-A", "trust", "-U", "postgres", "--no-sync"]);
        Directory.CreateDirectory(HostSocket);
        if (Environment.IsPrivilegedProcess) await HostProcesses.RunAsync("chown", "postgres:postgres", HostSocket);
        await Run([.. asPostgres, bins.PgCtl, "-D", Path.Combine(_hostDir, "data"), "-l", Path.Combine(_hostDir, "log"), "-w",
            "-o", $"-p 5432 -c listen_addresses=127.0.0.1 -k {HostSocket}", "start"]);
        _hostPid = int.Parse(File.ReadLines(Path.Combine(_hostDir, "data", "postmaster.pid")).First());
        await using var conn = await OpenHostAsync();
        await using var create = new NpgsqlCommand("CREATE DATABASE host_marker", conn);
        await create.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        var bins = await PgBinaries.FindAsync(null, CancellationToken.None);
        string[] asPostgres = Environment.IsPrivilegedProcess ? ["runuser", "-u", "postgres", "--"] : [];
        string[] stop = [.. asPostgres, bins.PgCtl, "-D", Path.Combine(_hostDir, "data"), "stop", "-m", "immediate", "-w"];
        await HostProcesses.RunAsync(stop[0], stop[1..]);
        Directory.Delete(_hostDir, recursive: true);
    }

    private static async Task Run(string[] argv)
    {
        var (code, output) = await HostProcesses.RunAsync(argv[0], argv[1..]);
        Assert.True(code == 0, string.Join(' ', argv) + "\n" + output);
    }

    private async Task<NpgsqlConnection> OpenHostAsync()
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = 5432, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        return conn;
    }

    [Fact]
    public async Task The_hosts_server_is_unreachable_and_untouched_by_psql_service_stop_and_background_jobs()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { RootDirectory = Path.Combine(TestPaths.SandboxRoot, "host") }, CancellationToken.None);
        await using var executor = new StepExecutor(sandbox);
        var marker = "labrunner-bg-" + Guid.NewGuid().ToString("N")[..8];

        // Over TCP Debian's pg_hba.conf asks for a password (the host's test server would let anyone in).
        await Shell(executor, "psql -qc \"ALTER USER postgres PASSWORD 'clave'\"");
        var reach = await Shell(executor, "export PGPASSWORD=clave; psql -h 127.0.0.1 -p 5432 -Atc \"SELECT count(*) FROM pg_database WHERE datname = 'host_marker'\"; " +
            "psql -h localhost -Atc 'SHOW data_directory'; psql -h /var/run/postgresql -Atc \"SELECT count(*) FROM pg_database WHERE datname = 'host_marker'\"; " +
            $"kill -0 {_hostPid} 2>/dev/null && echo sees-host-pid || echo no-host-pid");
        var stop = await Shell(executor, $"setsid sh -c 'sleep 1000; : {marker}' >/dev/null 2>&1 < /dev/null & sudo service postgresql stop; pg_lsclusters -h | cut -d' ' -f4");

        Assert.Equal(["0", $"/var/lib/postgresql/{sandbox.MajorVersion}/main", "0", "no-host-pid"], reach.Text.TrimEnd().Split('\n'));
        Assert.Equal("down", stop.Text.TrimEnd().Split('\n')[^1]);
        await using (var host = await OpenHostAsync())
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = 'host_marker'", host))
            Assert.Equal(1L, await count.ExecuteScalarAsync());
        Assert.True(HostProcesses.IsAlive(_hostPid));
        Assert.Single(HostProcesses.Matching(marker)); // the step's background job outlives the step...

        await sandbox.DisposeAsync();

        // ...but not the sandbox.
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.Matching(marker).Count == 0, TimeSpan.FromSeconds(10)));
        Assert.True(HostProcesses.IsAlive(_hostPid));
    }

    private static Task<StepOutput> Shell(StepExecutor executor, string script) =>
        executor.ExecuteAsync(new ShellAction(script), Consent.Shell, null, null, CancellationToken.None);
}
