using System.Diagnostics;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>
/// Bringing up a second server in a sandbox vs doing it by hand, measured side by side, interleaved, median of the ratios:
/// a new cluster (LabRunner: template copy + pg_ctl start, ready) vs initdb + pg_ctl start -w; and a server on a base
/// backup (pg_basebackup -c fast inside the sandbox + start on it, recovery finished) vs pg_basebackup + pg_ctl start -w.
/// </summary>
public static class ServersBench
{
    private const int Rounds = 5;

    public static async Task RunAsync()
    {
        var ct = CancellationToken.None;
        var root = Path.Combine(Path.GetTempPath(), "labrunner-bench");
        var bins = await PgBinaries.FindAsync(null, ct);
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { RootDirectory = root }, ct);
        await using var executor = new StepExecutor(sandbox);
        var hand = await HandMadeServer.StartAsync(bins, root, ct);
        try
        {
            var created = new List<(TimeSpan Ours, TimeSpan Theirs)>();
            var restored = new List<(TimeSpan Ours, TimeSpan Theirs)>();
            for (var i = 0; i < Rounds; i++)
            {
                var clock = Stopwatch.StartNew();
                await Expect(executor.ExecuteAsync(new ServerAction(ServerOperation.Create, $"nuevo{i}"), Consent.None, null, null, ct));
                var ours = clock.Elapsed;
                created.Add((ours, await hand.InitdbAndStartAsync(ct)));

                clock.Restart();
                await Expect(executor.ExecuteAsync(new ShellAction($"pg_basebackup -D /var/lib/postgresql/copia{i} -c fast"), Consent.Shell, null, null, ct));
                await Expect(executor.ExecuteAsync(new ServerAction(ServerOperation.StartOn, $"copia{i}") { DataDirectory = $"/var/lib/postgresql/copia{i}" },
                    Consent.None, null, null, ct));
                ours = clock.Elapsed;
                restored.Add((ours, await hand.BaseBackupAndStartAsync(ct)));
                await executor.ExecuteAsync(new ServerAction(ServerOperation.Stop, $"nuevo{i}"), Consent.None, null, null, ct);
                await executor.ExecuteAsync(new ServerAction(ServerOperation.Stop, $"copia{i}"), Consent.None, null, null, ct);
            }
            Print("second server, new cluster (LabRunner) vs initdb + pg_ctl start -w", created);
            Print("second server from a base backup (pg_basebackup + start, LabRunner) vs pg_basebackup + pg_ctl start -w", restored);
        }
        finally
        {
            await hand.DisposeAsync();
        }
    }

    private static async Task Expect(Task<StepOutput> step)
    {
        var output = await step;
        if (output.Outcome != StepOutcome.Completed) throw new InvalidOperationException(output.Text);
    }

    private static void Print(string what, List<(TimeSpan Ours, TimeSpan Theirs)> pairs)
    {
        static double Median(IEnumerable<double> xs) { var s = xs.Order().ToList(); return s[s.Count / 2]; }
        Console.WriteLine(what);
        Console.WriteLine($"  LabRunner median {Median(pairs.Select(p => p.Ours.TotalMilliseconds)),6:F0} ms, by hand median {Median(pairs.Select(p => p.Theirs.TotalMilliseconds)),6:F0} ms");
        Console.WriteLine($"  ratio (median of {pairs.Count} interleaved pairs): {Median(pairs.Select(p => p.Ours / p.Theirs)):F2}");
    }
}
