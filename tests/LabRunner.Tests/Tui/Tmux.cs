using System.Diagnostics;

namespace LabRunner.Tests.Tui;

/// <summary>A detached tmux session running one command: send keys, read the screen, wait for text.</summary>
public sealed class Tmux : IDisposable
{
    public string Name { get; } = "lr-e2e-" + Guid.NewGuid().ToString("N")[..8];

    public Tmux(string command, int width, int height)
    {
        var which = Run("sh", "-c", "command -v tmux");
        if (which.Code != 0) throw new InvalidOperationException("tmux is not installed (apt-get install -y tmux)");
        var started = Run("tmux", "new-session", "-d", "-s", Name, "-x", width.ToString(), "-y", height.ToString(), command);
        if (started.Code != 0) throw new InvalidOperationException("tmux new-session failed: " + started.Output);
    }

    public void Send(params string[] keys)
    {
        foreach (var key in keys)
        {
            // Paced by the screen, not by a pause: every key these tests send changes it (a step, a dialog, a spinner).
            var before = Capture();
            Run("tmux", "send-keys", "-t", Name, key);
            WaitFor(s => s != before, TimeSpan.FromSeconds(30), $"the screen to change after {key}");
        }
    }

    /// <summary>
    /// Whether the shell has written the exit code the command line ends with (`echo $? > FILE`): the file exists as soon
    /// as the shell opens it, empty until the echo writes "N\n", and a test that read it then saw "".
    /// </summary>
    public static bool ExitCodeWritten(string file) => File.Exists(file) && File.ReadAllText(file).EndsWith('\n');

    public string Capture() => Run("tmux", "capture-pane", "-p", "-t", Name).Output;

    public bool IsAlive => Run("tmux", "has-session", "-t", Name).Code == 0;

    /// <summary>Waits until the screen satisfies the condition; fails with the last screen.</summary>
    public string WaitFor(Func<string, bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var screen = "";
        while (clock.Elapsed < timeout)
        {
            screen = Capture();
            if (condition(screen)) return screen;
            Thread.Sleep(50); // polling interval
        }
        throw new TimeoutException($"Waited {timeout.TotalSeconds:F0} s for {what}. Screen:\n{screen}");
    }

    public string WaitFor(string text, TimeSpan timeout) => WaitFor(s => s.Contains(text), timeout, $"\"{text}\"");

    /// <summary>
    /// Ends the session and waits for its command's processes to end (labrunner removes its sandbox on the way out, so a
    /// test's folder can be deleted after); what is still running after 30 s is killed.
    /// </summary>
    public void Dispose()
    {
        var pane = Run("tmux", "display-message", "-p", "-t", Name, "#{pane_pid}");
        var processes = pane.Code == 0 && int.TryParse(pane.Output.Trim(), out var pid) ? Support.HostProcesses.WithDescendants(pid) : [];
        Run("tmux", "kill-session", "-t", Name);
        var clock = Stopwatch.StartNew();
        while (processes.Any(Support.HostProcesses.IsAlive) && clock.Elapsed < TimeSpan.FromSeconds(30)) Thread.Sleep(50); // polling interval
        foreach (var left in processes.Where(Support.HostProcesses.IsAlive))
        {
            try { Process.GetProcessById(left).Kill(entireProcessTree: true); }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException) { /* ended meanwhile */ }
        }
    }

    public static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output);
    }
}
