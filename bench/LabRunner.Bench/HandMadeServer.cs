using System.Diagnostics;
using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>What a person does by hand, as the cluster's OS user: a primary to copy from, initdb + start, pg_basebackup + start.</summary>
internal sealed class HandMadeServer : IAsyncDisposable
{
    private readonly PgBinaries _bins;
    private readonly ClusterOwner _owner;
    private readonly string _dir;
    private readonly int _port;
    private readonly List<string> _started = [];

    private HandMadeServer(PgBinaries bins, ClusterOwner owner, string dir, int port)
    {
        _bins = bins;
        _owner = owner;
        _dir = dir;
        _port = port;
    }

    public static async Task<HandMadeServer> StartAsync(PgBinaries bins, string root, CancellationToken ct)
    {
        var owner = await ClusterOwner.DetectAsync(ct);
        var dir = Path.Combine(root, $"by-hand-{Guid.NewGuid():N}");
        await owner.CreateDirectoryAsync(dir, "0700", ct);
        var server = new HandMadeServer(bins, owner, dir, 20000 + Random.Shared.Next(20000));
        var primary = Path.Combine(dir, "primary");
        Check(await owner.RunAsync(bins.InitDb, ["-D", primary, "-U", "postgres", "--auth=trust", "--no-instructions", "--no-sync"], ct));
        await server.StartOnAsync(primary, server._port, ct);
        return server;
    }

    public async Task<TimeSpan> InitdbAndStartAsync(CancellationToken ct)
    {
        var data = Path.Combine(_dir, $"new-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        Check(await _owner.RunAsync(_bins.InitDb, ["-D", data, "-U", "postgres", "--auth=trust", "--no-instructions", "--no-sync"], ct));
        await StartOnAsync(data, _port + 1 + _started.Count, ct);
        return clock.Elapsed;
    }

    public async Task<TimeSpan> BaseBackupAndStartAsync(CancellationToken ct)
    {
        var data = Path.Combine(_dir, $"copy-{Guid.NewGuid():N}");
        var clock = Stopwatch.StartNew();
        Check(await _owner.RunAsync(Path.Combine(_bins.BinDirectory, "pg_basebackup"), ["-h", _dir, "-p", _port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-D", data, "-c", "fast"], ct));
        await StartOnAsync(data, _port + 1 + _started.Count, ct);
        return clock.Elapsed;
    }

    private async Task StartOnAsync(string data, int port, CancellationToken ct)
    {
        Check(await _owner.RunAsync(_bins.PgCtl, ["-D", data, "-l", data + ".log", "-w", "-o", $"-p {port} -k {_dir} -c listen_addresses=''", "start"], ct));
        _started.Add(data);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var data in _started) await _owner.RunAsync(_bins.PgCtl, ["-D", data, "stop", "-m", "immediate", "-w"], CancellationToken.None);
        await _owner.RunAsync("rm", ["-rf", _dir], CancellationToken.None);
    }

    private static void Check(ProcessResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.Output);
    }
}
