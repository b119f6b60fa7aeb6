using LabRunner.Setup;
using LabRunner.Tests.Setup;
using LabRunner.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Terminal.Gui.Time;

namespace LabRunner.Tests.Tui;

/// <summary>The dialog shown before the lab screen when software is missing, headless. No await here (the main loop's context).</summary>
public sealed class SetupDialogTests : IDisposable
{
    private readonly FakeMachine _machine = new();
    private readonly IApplication _app = Application.Create(new VirtualTimeProvider());

    public SetupDialogTests()
    {
        _app.Init();
        _app.Driver!.SetScreenSize(100, 24);
    }

    public void Dispose()
    {
        _app.Dispose();
        _machine.Dispose();
    }

    private MissingSoftware Missing(bool root, bool sudo) =>
        new([Software.PostgresServer, Software.Tool("rsync")], InstallPlan.For(_machine.WithProgram("apt-get").Host(root), [Software.PostgresServer, Software.Tool("rsync")], sudo));

    private string Screen()
    {
        _app.LayoutAndDraw(true);
        return _app.Driver!.ToString() ?? "";
    }

    private void WaitUntil(Func<bool> condition)
    {
        var deadline = Environment.TickCount64 + 30_000;
        while (!condition())
        {
            if (Environment.TickCount64 > deadline) throw new TimeoutException("Condition not met in time. Screen:\n" + Screen());
            Thread.Sleep(10);
            _app.TimedEvents!.RunTimers();
            _app.LayoutAndDraw();
        }
    }

    [Fact]
    public void The_dialog_names_the_command_and_installs_with_a_progress_view_on_consent()
    {
        var release = new TaskCompletionSource();
        var ran = 0;
        using var dialog = new SetupDialog(Missing(root: true, sudo: false), SetupText.English, async (onLine, ct) =>
        {
            Interlocked.Increment(ref ran);
            onLine("Setting up postgresql-15 ...");
            await release.Task.WaitAsync(ct);
        });
        var token = _app.Begin(dialog);

        var asking = Screen();
        Assert.Contains("PostgreSQL (initdb, pg_ctl) and rsync are not installed. LabRunner can install them now with:", asking);
        Assert.Contains("apt-get install -y postgresql rsync", asking);
        Assert.Contains("Install", asking);
        Assert.Equal(0, ran);

        _app.InjectKey(Key.Enter); // Install is the default button
        WaitUntil(() => dialog.LogText.Contains("Setting up postgresql-15", StringComparison.Ordinal));
        var installing = Screen();
        Assert.Contains("Installing PostgreSQL (initdb, pg_ctl) and rsync…", installing);
        Assert.Contains("Setting up postgresql-15 ...", installing);
        Assert.True(dialog.IsInstalling);

        release.SetResult();
        WaitUntil(() => dialog.Installed);
        Assert.Equal(1, ran);
        Assert.Null(dialog.Failure);
        _app.End(token!);
    }

    [Fact]
    public void A_failed_install_stays_on_screen_with_why()
    {
        using var dialog = new SetupDialog(Missing(root: true, sudo: false), SetupText.English,
            (_, _) => throw new MissingSoftwareException("`apt-get install -y postgresql rsync` failed (exit code 100): E: Unable to locate package rsync", null!));
        var token = _app.Begin(dialog);

        _app.InjectKey(Key.Enter);
        WaitUntil(() => dialog.Failure is not null);

        Assert.False(dialog.Installed);
        Assert.Contains("The installation failed: `apt-get install -y postgresql rsync` failed (exit code 100)", Screen());
        _app.End(token!);
    }

    [Fact]
    public void When_sudo_wants_a_password_the_dialog_gives_the_command_to_type_and_offers_no_install()
    {
        var ran = false;
        using var dialog = new SetupDialog(Missing(root: false, sudo: false), SetupText.English, (_, _) => { ran = true; return Task.CompletedTask; });
        var token = _app.Begin(dialog);

        var screen = Screen();
        Assert.Contains("installing needs root", screen);
        Assert.Contains("sudo apt-get install -y postgresql rsync", screen);
        Assert.DoesNotContain("Install ", screen.Replace("installing", "", StringComparison.Ordinal));

        _app.InjectKey(Key.Enter);
        _app.TimedEvents!.RunTimers();
        Assert.False(ran);
        Assert.False(dialog.Installed);
        _app.End(token!);
    }
}
