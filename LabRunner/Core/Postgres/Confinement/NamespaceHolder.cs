using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// The process that holds a sandbox's namespaces: bwrap running `sh -c 'echo ready; read -r _'`. Its stdin is a pipe
/// only LabRunner holds (.NET opens pipes close-on-exec, so no step inherits it): when LabRunner closes it, or dies
/// (kill -9 included), the holder reads EOF and exits, bwrap's pid 1 exits with it, and the kernel kills every process
/// left in the sandbox's pid namespace — servers, their children, a step's setsid'd background jobs. A kept sandbox
/// (--keep-sandbox) has a detached holder that sleeps until killed instead. The holder may run one command itself
/// before it says it is ready (main's pg_ctl start): that saves the nsenter chain on the way to the first server.
/// </summary>
internal sealed partial class NamespaceHolder : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private int _disposed;

    /// <summary>Host pid of the namespace's pid 1 (bwrap's reaper): what nsenter targets and what kill -9 ends.</summary>
    public int Pid { get; }
    /// <summary>The network namespace id, to make sure a pid still is this holder before killing it.</summary>
    public string NetNamespace { get; }
    public bool Detached { get; }
    /// <summary>The first command's output when it failed (null: it succeeded, or there was none).</summary>
    public string? FirstCommandFailure { get; }

    private NamespaceHolder(Process process, int pid, string netNamespace, bool detached, string? firstCommandFailure)
    {
        _process = process;
        Pid = pid;
        NetNamespace = netNamespace;
        Detached = detached;
        FirstCommandFailure = firstCommandFailure;
    }

    /// <param name="firstCommand">Run by the holder inside the namespaces before "ready" (its output captured, its
    /// standard input /dev/null), or empty.</param>
    public static async Task<NamespaceHolder> StartAsync(IReadOnlyList<string> asOwner, IReadOnlyList<string> bwrapArguments, bool detached, CancellationToken ct,
        IReadOnlyList<string>? firstCommand = null)
    {
        // bwrap writes its info (child pid, namespace ids) to --info-fd right after clone; `3>&1` sends it down stdout
        // (Process cannot hand a child an extra fd, and --info-fd 1 would close the child's stdout). The holder's own
        // "ready" comes once the mount tree is complete: an nsenter before that could see a half-built root.
        // The first command comes as the script's arguments ("$@"): no quoting. Its output is one line only when it fails.
        const string first = "if [ $# -gt 0 ]; then out=$(\"$@\" </dev/null 2>&1) && echo first-ok || printf 'first-failed %s\\n' \"$(printf %s \"$out\" | tr '\\n' ' ')\"; fi; ";
        var script = first + (detached ? "echo ready; exec sleep infinity >/dev/null 2>&1" : "echo ready; read -r _");
        // --die-with-parent ends the namespace's pid 1 when the outer bwrap ends (the holder got EOF): without it pid 1 would
        // wait for the servers reparented to it. It follows the parent *thread*, and .NET forks on pool threads that
        // retire: so bwrap's parent is this sh (not exec'd away), which lives exactly as long as bwrap.
        var launcher = detached
            ? "exec setsid \"$0\" --info-fd 3 \"$@\" 3>&1 </dev/null"
            : "\"$0\" --die-with-parent --info-fd 3 \"$@\" 3>&1";
        var psi = new ProcessStartInfo
        {
            FileName = asOwner.Count > 0 ? asOwner[0] : "sh",
            RedirectStandardInput = !detached,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
        };
        foreach (var a in asOwner.Skip(1)) psi.ArgumentList.Add(a);
        if (asOwner.Count > 0) psi.ArgumentList.Add("sh");
        foreach (var a in new[] { "-c", launcher, Bubblewrap.Program }.Concat(bwrapArguments).Concat(["--", "/bin/sh", "-c", script, "sh"]).Concat(firstCommand ?? []))
            psi.ArgumentList.Add(a);

        var process = new Process { StartInfo = psi };
        try { process.Start(); }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new PostgresUnavailableException($"Cannot start the sandbox's confinement (bwrap): {e.Message}");
        }
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        var info = new StringBuilder();
        string? failure = null;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(ReadyTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line == "ready")
                {
                    var text = info.ToString();
                    var pid = ChildPid().Match(text);
                    var net = NetNs().Match(text);
                    if (!pid.Success || !net.Success) break;
                    return new NamespaceHolder(process, int.Parse(pid.Groups[1].Value, CultureInfo.InvariantCulture), net.Groups[1].Value, detached, failure);
                }
                if (line.StartsWith("first-failed ", StringComparison.Ordinal)) failure = line["first-failed ".Length..].Trim();
                else if (line != "first-ok") info.AppendLine(line);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }
        Kill(process);
        var why = (await errors.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false)).Trim();
        process.Dispose();
        throw new PostgresUnavailableException($"The sandbox's confinement (bwrap) did not start: {(why.Length > 0 ? why : "no answer")}");
    }

    /// <summary>True while <paramref name="pid"/> is the holder with this network namespace (not a reused pid).</summary>
    public static bool IsHolder(int pid, string netNamespace)
    {
        try { return new FileInfo($"/proc/{pid}/ns/net").LinkTarget == $"net:[{netNamespace}]"; }
        catch (IOException) { return false; }
        catch (UnauthorizedAccessException) { return false; }
    }

    /// <summary>Ends the sandbox: EOF to the holder (or SIGKILL to a detached one); the kernel ends the rest.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        if (!Detached)
        {
            try { _process.StandardInput.Close(); } catch (IOException) { }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try { await _process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { KillNamespace(); }
        }
        KillNamespace();
        _process.Dispose();
    }

    /// <summary>SIGKILL to the namespace's pid 1 (after checking it is still ours): the kernel kills everything inside.</summary>
    public void KillNamespace()
    {
        if (IsHolder(Pid, NetNamespace)) Posix.Kill(Pid, 9);
    }

    private static void Kill(Process process)
    {
        try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    [GeneratedRegex("\"child-pid\"\\s*:\\s*(\\d+)")]
    private static partial Regex ChildPid();

    [GeneratedRegex("\"net-namespace\"\\s*:\\s*(\\d+)")]
    private static partial Regex NetNs();
}
