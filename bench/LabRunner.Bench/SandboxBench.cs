using System.Diagnostics;
using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>Sandbox-ready time (template or spare + start + database) vs initdb + pg_ctl start -w of the same version, in interleaved pairs.</summary>
public static class SandboxBench
{
    private const double Goal = 0.35;

    public static async Task RunAsync()
    {
        var ct = CancellationToken.None;
        var root = Path.Combine(Path.GetTempPath(), "labrunner-bench");
        var bins = await PgBinaries.FindAsync(null, ct);
        var result = await Pairs.MeasureAsync(7, async () =>
        {
            var clock = Stopwatch.StartNew();
            var sandbox = await Sandbox.StartAsync(new SandboxOptions { RootDirectory = root, Database = "curso" }, ct);
            var elapsed = clock.Elapsed.TotalMilliseconds;
            await sandbox.DisposeAsync();
            return elapsed;
        }, () => InitdbAndStartAsync(bins, root, ct));
        result.Print("sandbox ready (spare or template copy + start + database)", $"initdb + pg_ctl start -w (PostgreSQL {bins.Version})", "ms", Goal);
    }

    private static async Task<double> InitdbAndStartAsync(PgBinaries bins, string root, CancellationToken ct)
    {
        var owner = await ClusterOwner.DetectAsync(ct);
        var dir = Path.Combine(root, $"baseline-{Guid.NewGuid():N}");
        await owner.CreateDirectoryAsync(dir, "0755", ct);
        var data = Path.Combine(dir, "data");
        var port = 20000 + Random.Shared.Next(20000);
        try
        {
            var clock = Stopwatch.StartNew();
            Check(await owner.RunAsync(bins.InitDb, ["-D", data, "-U", "postgres", "--auth=trust", "--no-instructions"], ct));
            Check(await owner.RunAsync(bins.PgCtl, ["-D", data, "-l", Path.Combine(dir, "log"), "-w",
                "-o", $"-p {port} -k {dir} -c listen_addresses=''", "start"], ct));
            var elapsed = clock.Elapsed.TotalMilliseconds;
            await owner.RunAsync(bins.PgCtl, ["-D", data, "stop", "-m", "immediate", "-w"], ct);
            return elapsed;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void Check(ProcessResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.Output);
    }
}
