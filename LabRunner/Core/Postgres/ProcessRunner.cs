using System.Diagnostics;
using System.Text;

namespace LabRunner.Postgres;

public sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}

/// <summary>Runs a short helper program (initdb, pg_ctl, cp) and captures its output.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(string file, IEnumerable<string> args, CancellationToken ct, string? runAsUser = null)
    {
        var psi = new ProcessStartInfo();
        if (runAsUser is null)
        {
            psi.FileName = file;
        }
        else
        {
            // initdb/pg_ctl/postgres refuse to run as root: run them as the cluster's OS user.
            psi.FileName = "runuser";
            foreach (var a in new[] { "-u", runAsUser, "--", file }) psi.ArgumentList.Add(a);
        }
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["LC_ALL"] = "C.UTF-8";
        psi.Environment["LANG"] = "C.UTF-8";

        var output = new StringBuilder();
        var code = await RunAsync(psi, line => { lock (output) output.AppendLine(line); }, ct);
        lock (output) return new ProcessResult(code, output.ToString());
    }

    /// <summary>Runs a program with no input, handing each line of its stdout and stderr to <paramref name="onLine"/>;
    /// 127 when it cannot start (the shell's code for "not found"); cancelling kills its whole tree.</summary>
    public static async Task<int> RunAsync(ProcessStartInfo psi, Action<string> onLine, CancellationToken ct)
    {
        psi.RedirectStandardOutput = psi.RedirectStandardError = psi.RedirectStandardInput = true;
        psi.UseShellExecute = false;
        using var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            onLine($"{psi.FileName}: {e.Message}");
            return 127;
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        process.WaitForExit(); // flush the async readers
        return process.ExitCode;
    }
}
