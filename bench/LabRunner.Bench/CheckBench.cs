using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>`labrunner check` of a one-step lab end to end vs the same by hand: initdb, pg_ctl start -w, psql -c, pg_ctl stop, rm -rf.</summary>
public static class CheckBench
{
    public static async Task RunAsync()
    {
        var bins = await PgBinaries.FindAsync(null, CancellationToken.None);
        var root = Path.Combine(Path.GetTempPath(), "labrunner-bench");
        var port = 20000 + Random.Shared.Next(20000);
        var result = await Pairs.MeasureAsync(9,
            () => Run.TimedAsync(Run.App, ["check", Run.Lab("one-step.md"), "--sandbox-root", root]),
            () => Run.TimedAsync("bash", [Run.Lab("by-hand.sh")], new Dictionary<string, string> { ["PG_BIN"] = bins.BinDirectory, ["PORT"] = $"{port}" }));
        result.Print("labrunner check one-step.md (sandbox, SELECT 1, teardown)", "by hand: initdb, pg_ctl start -w, psql -c, stop, rm -rf", "ms", 0.40);
    }
}
