using System.Diagnostics;
using LabRunner.Postgres;

namespace LabRunner.Bench;

/// <summary>
/// From starting the TUI on a lab (in tmux) to its screen drawn with the sandbox ready (the header names the server's
/// version), vs `pg_ctl start -w` of an already copied cluster alone: the floor of any lab on a fresh server.
/// </summary>
public static class TuiBench
{
    private const string Socket = "labrunner-bench"; // a tmux server of our own: nobody else's sessions are touched

    public static async Task RunAsync()
    {
        var ct = CancellationToken.None;
        var bins = await PgBinaries.FindAsync(null, ct);
        var owner = await ClusterOwner.DetectAsync(ct);
        var work = Path.Combine(Path.GetTempPath(), "labrunner-bench", $"tui-{Guid.NewGuid():N}"[..16]);
        await owner.CreateDirectoryAsync(work, "0755", ct);
        var cluster = Path.Combine(work, "cluster");
        Check(await owner.RunAsync(bins.InitDb, ["-D", cluster, "-U", "postgres", "--auth=trust", "--no-instructions"], ct));
        var progress = Path.Combine(work, "progress");
        Tmux("new-session", "-d", "-s", "keep", "-x", "80", "-y", "10", "sleep 3600"); // the tmux server is up before timing
        try
        {
            var result = await Pairs.MeasureAsync(7, () => TuiAsync(progress), () => PgCtlStartAsync(bins, owner, cluster, work));
            result.Print("TUI start to lab screen drawn with the sandbox ready (tmux)", "pg_ctl start -w of a copied cluster", "ms", 2.0);
            // Side note, not the goal: what any .NET + Terminal.Gui process pays to draw a screen, against the same pg_ctl.
            var floor = await Pairs.MeasureAsync(5, FloorAsync, () => PgCtlStartAsync(bins, owner, cluster, work));
            Console.WriteLine($"side note: floor, a Terminal.Gui app that only draws one label (tmux): median {floor.MedianA:F0} ms, "
                + $"{floor.MedianRatio:F2} x pg_ctl (median of {floor.A.Count} pairs); the TUI is {result.MedianA / floor.MedianA:F2} x the floor");
        }
        finally
        {
            Tmux("kill-server");
            await owner.RunAsync("rm", ["-rf", work], ct);
        }
    }

    private static Task<double> TuiAsync(string progress) =>
        ScreenAsync($"cd '{Run.RepoRoot}' && XDG_DATA_HOME='{progress}' exec '{Run.App}' '{Run.Lab("one-step.md")}'", "One step");

    /// <summary>bench/TuiFloor, published by bench/run next to the app: its label ends with "PostgreSQL" too.</summary>
    private static Task<double> FloorAsync() =>
        ScreenAsync($"exec '{Path.Combine(Run.RepoRoot, "bench", "out", "floor", "tui-floor")}'", "Terminal.Gui floor");

    /// <summary>From starting the command in a tmux session to the screen showing <paramref name="title"/> and "PostgreSQL".</summary>
    private static Task<double> ScreenAsync(string command, string title)
    {
        var name = $"tui-{Guid.NewGuid():N}"[..12];
        var clock = Stopwatch.StartNew();
        Tmux("new-session", "-d", "-s", name, "-x", "120", "-y", "40", command);
        string screen;
        do
        {
            screen = Tmux("capture-pane", "-p", "-t", name);
            if (clock.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("the lab screen did not appear:\n" + screen);
        }
        while (!(screen.Contains(title, StringComparison.Ordinal) && screen.Contains("PostgreSQL", StringComparison.Ordinal)));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Tmux("send-keys", "-t", name, "C-q");
        var deadline = Stopwatch.StartNew();
        while (TmuxCode("has-session", "-t", name) == 0 && deadline.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(20);
        if (TmuxCode("has-session", "-t", name) == 0) Tmux("kill-session", "-t", name);
        return Task.FromResult(elapsed);
    }

    private static async Task<double> PgCtlStartAsync(PgBinaries bins, ClusterOwner owner, string cluster, string work)
    {
        var ct = CancellationToken.None;
        var copy = Path.Combine(work, $"copy-{Guid.NewGuid():N}"[..14]);
        Check(await owner.RunAsync("cp", ["-a", cluster, copy], ct));
        var port = 20000 + Random.Shared.Next(20000);
        var clock = Stopwatch.StartNew();
        Check(await owner.RunAsync(bins.PgCtl, ["-D", copy, "-l", copy + ".log", "-w", "-o", $"-p {port} -k {work} -c listen_addresses=''", "start"], ct));
        var elapsed = clock.Elapsed.TotalMilliseconds;
        Check(await owner.RunAsync(bins.PgCtl, ["-D", copy, "stop", "-m", "immediate", "-w"], ct));
        await owner.RunAsync("rm", ["-rf", copy, copy + ".log"], ct);
        return elapsed;
    }

    private static void Check(ProcessResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(result.Output);
    }

    private static string Tmux(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-L", Socket }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }

    private static int TmuxCode(params string[] args)
    {
        var psi = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-L", Socket }.Concat(args)) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode;
    }
}
