using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The lab screen on Terminal.Gui's headless driver at a fixed size. Keys are injected; queued Invoke work and timers
/// run with <see cref="Pump"/>. Never await inside a test using this (the sync context is the main loop's).
/// </summary>
public sealed class ScreenHarness : IDisposable
{
    private readonly SessionToken? _token;

    /// <param name="planned">The server as planned, for an engine not started yet; <paramref name="open"/> then ties the
    /// session to its start once the screen exists (as the app does).</param>
    public ScreenHarness(Lab lab, IStepRunner runner, ProgressStore? store = null, int width = 100, int height = 30, Catalogue? text = null, bool offerResume = false, Palette? palette = null,
        ServerInfo? planned = null, Action<LabSession>? open = null, TimeProvider? time = null)
    {
        App = Application.Create(new VirtualTimeProvider());
        App.Init();
        App.Driver!.SetScreenSize(width, height);
        Session = new LabSession(lab, runner, store, text ?? Catalogue.English, a => App.Invoke(a), time, planned: planned);
        Screen = new LabScreen(App, Session, palette ?? Palette.Colour);
        Session.QuitRequested += () => QuitRequested = true;
        open?.Invoke(Session);
        if (offerResume) Session.OfferResume();
        _token = App.Begin(Screen);
        App.LayoutAndDraw(true);
    }

    public IApplication App { get; }
    public LabSession Session { get; }
    public LabScreen Screen { get; }
    public bool QuitRequested { get; private set; }

    public string Text
    {
        get
        {
            App.LayoutAndDraw(true);
            return App.Driver!.ToString() ?? "";
        }
    }

    public void Press(params Key[] keys)
    {
        foreach (var key in keys)
        {
            App.InjectKey(key);
            Pump();
        }
    }

    public void Type(string text)
    {
        foreach (var c in text) Press(c == '\n' ? Key.Enter : new Key(c));
    }

    public void Pump()
    {
        App.TimedEvents!.RunTimers();
        App.LayoutAndDraw();
    }

    /// <summary>Pumps the main loop until the condition holds (engine work runs on other threads).</summary>
    public void WaitUntil(Func<bool> condition, int timeoutMs = 30_000)
    {
        var deadline = Environment.TickCount64 + timeoutMs;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline)
                throw new TimeoutException("Condition not met in time. Screen:\n" + Text);
            Thread.Sleep(10);
            Pump();
        }
        Pump();
    }

    public void Dispose()
    {
        if (_token is not null) App.End(_token);
        Screen.Dispose();
        App.Dispose();
    }
}

/// <summary>A clock that never moves: running times on a whole-screen file stay the same from run to run.</summary>
public sealed class StoppedClock : TimeProvider
{
    public override long GetTimestamp() => 0;
}
