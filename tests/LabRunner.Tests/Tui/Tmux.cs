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

    public void Dispose() => Run("tmux", "kill-session", "-t", Name);

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
