using System.Diagnostics;
using System.Text.Json;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The terminal goes away under an open lab (its tmux session is killed: SIGHUP): labrunner removes its sandbox, keeps
/// the progress it had, and ends promptly. Before, the process lingered 15–20 s (Terminal.Gui's dispose waited for an
/// input thread spinning on the hung-up terminal) and then died of an unhandled IOException writing "interrupted" to it.
/// </summary>
public sealed class TerminalGoneTmuxTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    /// <summary>Generous for a loaded machine (the sandbox's postgres is stopped on the way), far below the old linger.</summary>
    private static readonly TimeSpan GoneWithin = TimeSpan.FromSeconds(8);

    private readonly TmuxFolder _folder = new("lr-hup-");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Killing_the_tmux_session_ends_labrunner_promptly_without_sandbox_postgres_or_torn_progress()
    {
        var temp = _folder.Path;
        var exitFile = Path.Combine(temp, "exit-code");
        // A shell that outlives the hang-up to say how labrunner ended: it passes SIGHUP on, as an interactive shell does
        // (the kernel signals the session's leader; labrunner would otherwise get it only when that shell dies).
        var script = Path.Combine(temp, "run.sh");
        File.WriteAllText(script, $"""
            trap 'kill -HUP $pid' HUP
            cd '{TestPaths.RepoRoot}'
            env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD TMPDIR='{temp}' XDG_DATA_HOME='{temp}/data' \
              XDG_CACHE_HOME='{SuiteEnvironment.CacheHome}' LANG=C.UTF-8 LC_ALL= \
              dotnet '{TestPaths.LabrunnerDll}' respaldo-autovacuum --lang en <&0 &
            pid=$!
            wait $pid; wait $pid
            echo $? > '{exitFile}'
            """);
        var command = $"bash '{script}'";
        using var tmux = new Tmux(command, 120, 40);
        tmux.WaitFor(s => s.Contains("Tarea 1.") && s.Contains("PostgreSQL 1"), Long, "the lab with its server up");
        tmux.Send("F9", "F8", "F8", "F8", "F8", "F5"); // task 2, step 1 (SHOW autovacuum ...): something to save
        tmux.WaitFor(s => s.Contains("✓ Passed"), Long, "step 1 passed");

        var labrunner = LabrunnerProcess(tmux);
        var sandbox = Directory.GetDirectories(temp, "labrunner-*").SelectMany(r => Directory.GetDirectories(r, "sandbox-*")).Single();
        var sandboxNamespace = HostProcesses.PidNamespace(SandboxHolderPid(sandbox))!;
        Assert.True(PostgresIn(sandboxNamespace) > 0, "the sandbox's postgres should run while the lab is open");

        var clock = Stopwatch.StartNew();
        try
        {
            Tmux.Run("tmux", "kill-session", "-t", tmux.Name);
            var gone = await HostProcesses.EventuallyAsync(() => !HostProcesses.IsAlive(labrunner), GoneWithin);
            Assert.True(gone, $"labrunner was still running {clock.Elapsed.TotalSeconds:F1} s after its terminal went away");
        }
        finally
        {
            if (HostProcesses.IsAlive(labrunner)) Process.GetProcessById(labrunner).Kill(entireProcessTree: true);
        }

        Assert.True(await HostProcesses.EventuallyAsync(() => Tmux.ExitCodeWritten(exitFile), TimeSpan.FromSeconds(5)), "the shell should say how labrunner ended");
        Assert.Equal("130", File.ReadAllText(exitFile).Trim()); // interrupted, not an unhandled exception (134)
        Assert.Equal(0, PostgresIn(sandboxNamespace));
        Assert.False(Directory.Exists(sandbox), "the sandbox directory should be removed");
        var progress = Path.Combine(temp, "data", "labrunner", "progress");
        using var saved = JsonDocument.Parse(File.ReadAllText(Path.Combine(progress, "respaldo-autovacuum.json")));
        Assert.NotEmpty(saved.RootElement.GetProperty("steps").EnumerateObject()); // the step run before the hang-up is kept
        Assert.Empty(Directory.GetFiles(progress, "*.tmp")); // no write left half done
    }

    /// <summary>The labrunner process under the session's shell.</summary>
    private static int LabrunnerProcess(Tmux tmux)
    {
        var pane = int.Parse(Tmux.Run("tmux", "display-message", "-p", "-t", tmux.Name, "#{pane_pid}").Output.Trim());
        return HostProcesses.WithDescendants(pane).Single(p => HostProcesses.CommandLine(p).StartsWith("dotnet ", StringComparison.Ordinal)); // not the shell, whose command names it too
    }

    private static int SandboxHolderPid(string sandbox) =>
        int.Parse(System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(sandbox, "holder.json")), @"""child-pid"": (\d+)").Groups[1].Value);

    private static int PostgresIn(string pidNamespace) =>
        HostProcesses.InNamespace(pidNamespace).Count(p =>
        {
            try { return File.ReadAllText($"/proc/{p}/comm").Trim().StartsWith("postgres", StringComparison.Ordinal); }
            catch (IOException) { return false; }
        });
}
