using Terminal.Gui.App;

namespace LabRunner.Tui;

/// <summary>
/// Disposes a Terminal.Gui application on the way out. After SIGHUP (the terminal is gone) Terminal.Gui's input thread
/// spins on a stdin that has hung up and the application's Dispose waits for that thread forever: the lab's server was
/// then disposed only by the watchdog, and the process ended only at the entry point's last resort, 15–20 s later. So
/// once a signal has asked to stop, the dispose runs aside and is waited for briefly: a live terminal (SIGTERM) still
/// gets its modes restored, a dead one no longer holds the way out (the spinning thread is a background thread, it does
/// not keep the process alive).
/// </summary>
public sealed class AppRelease(IApplication app, CancellationToken signalled) : IDisposable
{
    /// <summary>
    /// Long enough for Terminal.Gui to restore a live terminal (it writes its resets first, within milliseconds, then waits
    /// for its input thread), short enough not to be felt.
    /// </summary>
    private static readonly TimeSpan SignalledBound = TimeSpan.FromMilliseconds(300);

    /// <summary>`using var release = AppRelease.Of(app, ct);` in place of `using IApplication app`.</summary>
    public static AppRelease Of(IApplication app, CancellationToken signalled) => new(app, signalled);

    public void Dispose()
    {
        if (!signalled.IsCancellationRequested)
        {
            app.Dispose();
            return;
        }
        var disposing = Task.Run(app.Dispose, CancellationToken.None);
        try { disposing.Wait(SignalledBound, CancellationToken.None); }
        catch (AggregateException) { /* a terminal that is gone may fail to be restored: there is nothing left to restore */ }
    }
}
