using System.Diagnostics;
using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>Sandbox-ready time (template copy + start + database) vs initdb + pg_ctl start -w of the same version.</summary>
public static class SandboxBench
{
    private const double Goal = 0.35;

    public static async Task RunAsync()
    {
        var ct = CancellationToken.None;
        var root = Path.Combine(Path.GetTempPath(), "labrunner-bench");
        // Warm-up: builds the cached template and JITs the code paths, as any second run of LabRunner would find them.
        await (await Sandbox.StartAsync(new SandboxOptions { RootDirectory = root, Database = "curso" }, ct)).DisposeAsync();

        var clock = Stopwatch.StartNew();
        var sandbox = await Sandbox.StartAsync(new SandboxOptions { RootDirectory = root, Database = "curso" }, ct);
        var sandboxTime = clock.Elapsed;
        await sandbox.DisposeAsync();

        var bins = await PgBinaries.FindAsync(null, ct);
        var baseline = await InitdbAndStartAsync(bins, root, ct);

        Console.WriteLine($"sandbox ready (template copy + start + CREATE DATABASE): {sandboxTime.TotalMilliseconds,7:F0} ms");
        Console.WriteLine($"initdb + pg_ctl start -w (PostgreSQL {bins.Version}):           {baseline.TotalMilliseconds,7:F0} ms");
        var ratio = sandboxTime / baseline;
        Console.WriteLine($"ratio sandbox / (initdb + start): {ratio:F2} (goal <= {Goal:F2}) {(ratio <= Goal ? "OK" : "MISSED")}");
    }

    private static async Task<TimeSpan> InitdbAndStartAsync(PgBinaries bins, string root, CancellationToken ct)
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
            var elapsed = clock.Elapsed;
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
