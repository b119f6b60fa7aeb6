using System.Diagnostics;
using LabRunner.Setup;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tui;

/// <summary>
/// Shown before the lab screen when software is missing: names the exact install command and, on consent, runs it
/// with a progress view (spinner, elapsed time, the package manager's last lines). Esc or Quit leaves without installing.
/// </summary>
public sealed class SetupDialog : Window
{
    /// <summary>Installs (given a line sink and a token); throws <see cref="UserErrorException"/> when it fails.</summary>
    public delegate Task InstallAction(Action<string> onLine, CancellationToken ct);

    private static readonly string[] Spinner = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    private readonly MissingSoftware _missing;
    private readonly SetupText _text;
    private readonly InstallAction _install;
    private readonly Label _message;
    private readonly Label _log;
    private readonly Button _installButton;
    private readonly Button _quitButton;
    private readonly List<string> _lines = [];
    private readonly Stopwatch _clock = new();
    private readonly CancellationTokenSource _cancel = new();
    private object? _timer;
    private int _frame;

    public SetupDialog(MissingSoftware missing, SetupText text, InstallAction install)
    {
        _missing = missing;
        _text = text;
        _install = install;
        Title = text.Title;
        _message = new Label { HotKeySpecifier = LabScreen.NoHotKey, X = 1, Y = 1, Width = Dim.Fill(1), Height = Dim.Auto() };
        _message.TextFormatter.WordWrap = true;
        _installButton = new Button { Text = text.Install, X = 1, Y = Pos.Bottom(_message) + 1, IsDefault = true };
        _quitButton = new Button { Text = text.Quit, X = Pos.Right(_installButton) + 1, Y = Pos.Top(_installButton) };
        _log = new Label { HotKeySpecifier = LabScreen.NoHotKey, X = 1, Y = Pos.Bottom(_installButton) + 1, Width = Dim.Fill(1), Height = Dim.Fill(1) };
        _installButton.Accepting += (_, e) => { e.Handled = true; Start(); };
        _quitButton.Accepting += (_, e) => { e.Handled = true; Leave(); };
        Add(_message, _installButton, _quitButton, _log);
        KeyDown += (_, key) =>
        {
            if (key == Key.Esc || key == Key.Q.WithCtrl) { key.Handled = true; Leave(); }
        };
        if (missing.Plan.CanRunUnattended)
        {
            _message.Text = text.Question(missing);
        }
        else
        {
            _message.Text = text.CannotInstall(missing);
            _installButton.Visible = false;
            _quitButton.X = 1;
        }
    }

    /// <summary>True once the install command succeeded.</summary>
    public bool Installed { get; private set; }
    /// <summary>Why installing failed (shown in the dialog, and printed when LabRunner exits).</summary>
    public string? Failure { get; private set; }
    public bool IsInstalling { get; private set; }
    public string LogText => string.Join('\n', _lines);

    private void Start()
    {
        if (IsInstalling || Installed || Failure is not null || App is not { } app) return;
        IsInstalling = true;
        _installButton.Visible = false;
        _quitButton.Text = _text.Cancel;
        _quitButton.X = 1;
        _clock.Start();
        ShowProgress();
        _timer = app.AddTimeout(TimeSpan.FromMilliseconds(100), () => { _frame++; ShowProgress(); return IsInstalling; });
        _ = Task.Run(async () =>
        {
            string? failure = null;
            try
            {
                await _install(line => app.Invoke(() => AddLine(line)), _cancel.Token);
            }
            catch (OperationCanceledException)
            {
                failure = _text.Cancelled;
            }
            catch (UserErrorException e)
            {
                failure = e.Message;
            }
            app.Invoke(() => Finish(failure));
        });
    }

    private void Finish(string? failure)
    {
        IsInstalling = false;
        _clock.Stop();
        if (failure is null)
        {
            Installed = true;
            App?.RequestStop();
            return;
        }
        Failure = failure;
        _message.Text = _text.Failed(failure);
        _quitButton.Text = _text.Quit;
        _quitButton.SetFocus();
        ShowLog();
    }

    private void Leave()
    {
        if (IsInstalling) { _cancel.Cancel(); return; } // Finish() follows when the package manager has stopped
        App?.RequestStop();
    }

    private void AddLine(string line)
    {
        _lines.Add(line);
        if (_lines.Count > 500) _lines.RemoveRange(0, _lines.Count - 500);
        ShowLog();
    }

    private void ShowProgress()
    {
        _message.Text = $"{Spinner[_frame % Spinner.Length]} {_text.Installing(_missing)} ({_clock.Elapsed.TotalSeconds:F0} s)\n\n  {_missing.Plan.CommandText}";
    }

    private void ShowLog()
    {
        var height = Math.Max(3, _log.Frame.Height > 0 ? _log.Frame.Height : 10);
        _log.Text = string.Join('\n', _lines.TakeLast(height));
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            if (_timer is not null) App?.RemoveTimeout(_timer);
            _cancel.Cancel();
            _cancel.Dispose();
        }
        base.Dispose(disposing);
    }
}
