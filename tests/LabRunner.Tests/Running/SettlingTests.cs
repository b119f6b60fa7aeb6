using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Text;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

/// <summary>
/// An `eventually` step whose awaited event has happened (its shape-matched marker column changed) and whose result then
/// stays the same fails early with the reason, on a real server; without that sign it waits out its window.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class SettlingTests(SandboxFixture fx)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(200);

    private static Lab LabWith(string db, string expectedValue, TimeSpan within, Watch? watch = null) => new()
    {
        Id = "settling",
        Title = "Settling",
        Tasks =
        [
            new LabTask
            {
                Id = "t",
                Title = "t",
                Steps =
                [
                    new Step
                    {
                        Id = "watch",
                        Title = "watch",
                        Action = new SqlAction("SELECT v, hecho FROM evento;") { Database = db },
                        Expect = new Expectation
                        {
                            Columns = ["v", "hecho"],
                            Rows = [[expectedValue, "2024-10-06 19:00:44.756802-05"]],
                            Matchers = new Dictionary<string, Matcher> { ["hecho"] = new Matcher.Shape(ValueShape.Timestamp) },
                            Eventually = new Eventually(within, Every),
                            Watch = watch,
                        },
                    },
                ],
            },
        ],
    };

    /// <summary>Runs the step; on its second wait, another connection makes the event happen (v = 4, hecho = now()).</summary>
    private async Task<StepResult> RunWithEventAsync(string expectedValue, TimeSpan within, bool happen, Watch? watch = null, List<RunEvent>? seen = null)
    {
        var db = await fx.CreateDatabaseAsync("settling");
        await using (var setup = await fx.OpenAsync(db))
            foreach (var sql in new[] { "CREATE TABLE evento (v int, hecho timestamptz)", "INSERT INTO evento VALUES (1, NULL)" })
            {
                await using var cmd = new Npgsql.NpgsqlCommand(sql, setup);
                await cmd.ExecuteNonQueryAsync();
            }
        await using var other = await fx.OpenAsync(db);
        await using var executor = new StepExecutor(fx.Sandbox);
        var run = new LabRun(LabWith(db, expectedValue, within, watch), fx.Sandbox, executor);
        var done = 0;
        run.Event += (_, e) =>
        {
            if (seen is not null) lock (seen) seen.Add(e);
            if (!happen || e is not StepWaiting { Reason: EventuallyRetry { Attempt: 2 } } || Interlocked.Exchange(ref done, 1) == 1) return;
            using var cmd = new Npgsql.NpgsqlCommand("UPDATE evento SET v = 4, hecho = now();", other);
            cmd.ExecuteNonQuery();
        };
        var results = await run.RunAllAsync(null, CancellationToken.None);
        Assert.Empty(run.ObserverErrors);
        return Assert.Single(results);
    }

    [Fact]
    public async Task A_wrong_expected_value_fails_soon_after_the_marker_moves_and_the_result_stays()
    {
        var result = await RunWithEventAsync("5", within: TimeSpan.FromMinutes(3), happen: true);

        Assert.Equal(VerdictStatus.Failed, result.Verdict.Status);
        var reason = Assert.IsType<NoLongerChanging>(result.Verdict.Reason);
        Assert.Equal("hecho", reason.Marker);
        Assert.Equal("v", Assert.IsType<CellDiffers>(reason.Last).Column);
        Assert.InRange(result.Attempts, 2 + Settling.StableAttempts, 2 + Settling.StableAttempts + 1);
        Assert.True(result.Duration < TimeSpan.FromSeconds(60), $"gave up after {result.Duration}, not at the window's end");
        var said = new SpanishCatalogue().Say(result.Verdict.Reason);
        Assert.StartsWith("no va a coincidir: hecho cambió a los ", said);
    }

    [Fact]
    public async Task The_right_value_still_passes_when_the_marker_moves()
    {
        var result = await RunWithEventAsync("4", within: TimeSpan.FromMinutes(3), happen: true);

        Assert.Equal(VerdictStatus.Passed, result.Verdict.Status);
        Assert.IsType<MatchedAfter>(result.Verdict.Reason);
    }

    [Fact]
    public async Task Without_the_event_the_step_waits_out_its_window()
    {
        var result = await RunWithEventAsync("5", within: TimeSpan.FromSeconds(2), happen: false);

        Assert.Equal(VerdictStatus.Failed, result.Verdict.Status);
        Assert.IsType<StillNotMatching>(result.Verdict.Reason);
        Assert.True(result.Duration >= TimeSpan.FromSeconds(1.8), result.Duration.ToString());
    }

    [Fact]
    public async Task A_watched_step_records_its_series_the_marker_change_and_the_threshold()
    {
        var seen = new List<RunEvent>();
        var watch = new Watch(["v"], "hecho", "SELECT 2 + 0.5 * count(*) FROM evento");

        var result = await RunWithEventAsync("4", within: TimeSpan.FromMinutes(3), happen: true, watch, seen);

        Assert.Equal(VerdictStatus.Passed, result.Verdict.Status);
        var series = Assert.IsType<WatchSeries>(result.Series);
        Assert.Equal(2.5, series.Threshold);
        Assert.Equal(result.Attempts, series.Samples.Count);
        Assert.Equal([1.0], series.Samples[0].Values);
        Assert.Equal([4.0], series.Samples[^1].Values);
        Assert.Single(series.Samples, s => s.MarkerChanged);
        Assert.True(series.Samples[^1].MarkerChanged, "the marker changed on the attempt that saw v = 4");
        Assert.Equal(series.MarkerChangedAt, Assert.Single(result.Verdict.Notes.OfType<MarkerChanged>()).After);
        Assert.Equal(result.Attempts, seen.OfType<StepSampled>().Count());
        Assert.Equal("hecho cambió tras", new SpanishCatalogue().Say(result.Verdict.Notes.OfType<MarkerChanged>().Single())[..17]);
    }
}
