using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>
/// Peak memory of the whole labrunner process running a 1,000,000-row SELECT step (`labrunner check`, on a server of its
/// own so only the step counts) vs `psql -X` printing the same query to /dev/null. psql keeps every row to lay out its table.
/// </summary>
public static class MemoryBench
{
    private const string Query = "SELECT g AS id, md5(g::text) AS data FROM generate_series(1, 1000000) g";

    public static async Task RunAsync()
    {
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions
        {
            RootDirectory = Path.Combine(Path.GetTempPath(), "labrunner-bench"),
        }, CancellationToken.None);
        var connection = $"host={sandbox.SocketDirectory} port={sandbox.Port} user=postgres dbname=postgres";
        var result = await Pairs.MeasureAsync(3,
            () => Run.PeakMegabytesAsync(Run.App, ["check", Run.Lab("million-rows.md"), "--connection", connection]),
            () => Run.PeakMegabytesAsync("psql", ["-X", "-h", sandbox.SocketDirectory, "-p", $"{sandbox.Port}", "-U", "postgres", "-o", "/dev/null", "-c", Query, "postgres"]),
            warmUp: false);
        result.Print("labrunner check million-rows.md: peak memory (VmHWM)", "psql -X -o /dev/null of the same query: peak memory", "MB", 1.0);
    }
}
