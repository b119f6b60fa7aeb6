using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using LabRunner.Postgres;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// Runs a shell step with bash where the target's shell host puts it (inside a confined sandbox, or on the host), in a
/// process group of its own (setsid), stdout and stderr on one pipe so their lines stay in the order a terminal shows
/// them, PG* variables pointing at the step's server. A timeout or cancel kills the whole group (rsync's children
/// included; process groups span the sandbox's pid namespace). What a step leaves running in the background dies with
/// the sandbox.
/// </summary>
internal static class ShellStepRunner
{
    public static async Task<StepOutput> RunAsync(IServerTarget target, string script, string? input, TimeSpan timeout, int maxKeptLines,
        IProgress<StepProgress>? progress, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var launch = target.Shell.Launch(script, target.PgEnvironment());
        var psi = new ProcessStartInfo("sh")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = launch.HostWorkingDirectory,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        // sh execs setsid, which execs the launch line: one pid, leading its own process group; 2>&1 merges the streams in order.
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("exec setsid \"$@\" 2>&1");
        psi.ArgumentList.Add("sh");
        foreach (var a in launch.Argv) psi.ArgumentList.Add(a);
        foreach (var (k, v) in launch.Environment) psi.Environment[k] = v;
        // libpq prefers PGPASSWORD to a passfile: an inherited one must not shadow (or stand in for) the target's.
        if (launch.Environment.ContainsKey("PGPASSFILE")) psi.Environment.Remove("PGPASSWORD");

        using var process = new Process { StartInfo = psi };
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            var failed = new ShellResult(127, $"cannot start bash: {e.Message}\n");
            return new StepOutput(failed.Output, [failed], StepOutcome.Failed, clock.Elapsed);
        }
        // What a terminal user would type at a prompt (a password), else end of input at once.
        if (input is not null)
        {
            try { await process.StandardInput.WriteAsync(input.EndsWith('\n') ? input : input + "\n"); }
            catch (IOException) { }
        }
        process.StandardInput.Close();
        var kept = new BoundedText(maxKeptLines);
        var reading = ReadAllAsync(process.StandardOutput, kept);
        var drainErrors = process.StandardError.ReadToEndAsync(CancellationToken.None);

        using var timeoutCts = new CancellationTokenSource(timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutCts.Token);
        var outcome = StepOutcome.Completed;
        var ticker = TickAsync(progress, clock, linked.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            outcome = ct.IsCancellationRequested ? StepOutcome.Cancelled : StepOutcome.TimedOut;
            KillGroup(process);
        }
        await process.WaitForExitAsync(CancellationToken.None);
        await linked.CancelAsync();
        await ticker;
        await reading;
        await drainErrors;

        var code = process.ExitCode;
        if (outcome == StepOutcome.Completed && code != 0) outcome = StepOutcome.Failed;
        var output = new StringBuilder();
        long leftOut;
        IReadOnlyList<CharactersLeftOut> cutLines;
        lock (kept)
        {
            cutLines = kept.CutLines; // before ToString, which ends the last line
            output.Append(kept.ToString());
            leftOut = kept.LinesLeftOut;
        }
        if (output.Length > 0 && output[^1] != '\n') output.Append('\n');
        var notes = new List<ShellNote>();
        if (code != 0) notes.Add(new ExitedWith(code));
        if (outcome == StepOutcome.TimedOut) notes.Add(new KilledAfter(timeout));
        if (outcome == StepOutcome.Cancelled) notes.Add(new CancelledByUser());
        foreach (var note in notes) output.Append(note.Line).Append('\n');
        var text = output.ToString();
        var result = new ShellResult(code, text) { Notes = notes, LeftOut = leftOut > 0 ? [new LinesLeftOut(leftOut)] : [], CutLines = cutLines };
        return new StepOutput(text, [result], outcome, clock.Elapsed);
    }

    private static async Task ReadAllAsync(StreamReader reader, BoundedText into)
    {
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer)) > 0)
            lock (into) into.Append(buffer.AsSpan(0, n));
    }

    private static async Task TickAsync(IProgress<StepProgress>? progress, Stopwatch clock, CancellationToken ct)
    {
        if (progress is null) return;
        try
        {
            await Task.Delay(ActivityMonitor.Quiet, ct);
            while (!ct.IsCancellationRequested)
            {
                progress.Report(new StepProgress(new Executing(), clock.Elapsed));
                await Task.Delay(500, ct);
            }
        }
        catch (OperationCanceledException) { }
    }

    private static void KillGroup(Process process)
    {
        try
        {
            if (Kill(-process.Id, 9) != 0) process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException) { }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
