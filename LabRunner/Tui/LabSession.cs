using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>
/// The state of the lab screen, free of Terminal.Gui so it can be tested alone: which step is selected, what each step
/// did, what is running and for how long, which question is pending. Engine work runs on the thread pool; its results
/// come back through <c>post</c> (app.Invoke in the real screen), so every member is read and changed on one thread.
/// </summary>
public sealed class LabSession
{
    private readonly IStepRunner _runner;
    private readonly ProgressStore? _store;
    private readonly Action<Action> _post;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, StepStatus> _status = new();
    private readonly Dictionary<string, string> _edits = new();
    private readonly Dictionary<string, StepRunResult> _results = new();
    private readonly Dictionary<string, StepRecord> _savedVerdicts = new();
    private readonly HashSet<string> _hints = new();
    private LabProgress? _saved;
    private CancellationTokenSource? _cts;
    private long _startedAt;
    private StepRef? _awaitingConsent;
    private bool _quitWhenIdle;
    private Task _work = Task.CompletedTask;

    public LabSession(Lab lab, IStepRunner runner, ProgressStore? store, Catalogue text, Action<Action> post, TimeProvider? time = null)
    {
        Lab = lab;
        _runner = runner;
        _store = store;
        Text = text;
        _post = post;
        _time = time ?? TimeProvider.System;
        var steps = new List<StepRef>();
        for (var t = 0; t < lab.Tasks.Count; t++)
            foreach (var step in lab.Tasks[t].Steps)
                steps.Add(new StepRef(steps.Count, t, lab.Tasks[t], step));
        Steps = steps;
    }

    public Lab Lab { get; }
    public Catalogue Text { get; }
    public ServerInfo Server => _runner.Server;
    public IReadOnlyList<StepRef> Steps { get; }
    public int SelectedIndex { get; private set; }
    public StepRef? Selected => Steps.Count == 0 ? null : Steps[SelectedIndex];
    public StepRef? RunningStep { get; private set; }
    public bool Restarting { get; private set; }
    public bool IsBusy => RunningStep is not null || Restarting;
    public RunActivity? Activity { get; private set; }
    public Question? Pending { get; private set; }
    /// <summary>A one-line message for the student (errors saving progress, "a step is running").</summary>
    public string? Notice { get; private set; }
    public bool ShellAllowedForLab { get; private set; }
    public TimeSpan Elapsed => IsBusy ? _time.GetElapsedTime(_startedAt) : TimeSpan.Zero;
    /// <summary>Steps done: passed, manual steps marked done, and results the student compared by eye.</summary>
    public int PassedCount => Steps.Count(s => StatusOf(s) is StepStatus.Passed or StepStatus.Done or StepStatus.NotCompared);

    /// <summary>Raised after any change the screen should show.</summary>
    public event Action? Changed;
    /// <summary>Raised when the screen should close (after confirmation, and after a running step has unwound).</summary>
    public event Action? QuitRequested;

    public StepStatus StatusOf(StepRef step) => _status.GetValueOrDefault(step.Key, StepStatus.NotRun);
    public StepRunResult? ResultOf(StepRef step) => _results.GetValueOrDefault(step.Key);
    /// <summary>The verdict saved by an earlier session, in this session's language (the output itself is not kept).</summary>
    public string? SavedMessageOf(StepRef step) => _savedVerdicts.GetValueOrDefault(step.Key) is { } saved
        ? saved.Reason is { } reason ? Text.Say(reason) : saved.Message
        : null;
    public bool HintShown(StepRef step) => _hints.Contains(step.Key);
    public bool IsEdited(StepRef step) => _edits.ContainsKey(step.Key);
    public StepAction OriginalAction(StepRef step) => _runner.ActionFor(step.Step);
    public string CommandOf(StepRef step) => _edits.TryGetValue(step.Key, out var edited) ? edited : OriginalAction(step).Command;

    // ---- navigation -------------------------------------------------------------------------------------------

    public void Select(int index)
    {
        if (Steps.Count == 0) return;
        index = Math.Clamp(index, 0, Steps.Count - 1);
        if (index == SelectedIndex) return;
        SelectedIndex = index;
        Notice = null;
        Raise();
    }

    public void Select(StepRef step) => Select(step.Index);
    public void SelectNext() => Select(SelectedIndex + 1);
    public void SelectPrevious() => Select(SelectedIndex - 1);

    /// <summary>Selects a task's first step (the tree's task rows).</summary>
    public void SelectTask(int taskIndex)
    {
        var first = Steps.FirstOrDefault(s => s.TaskIndex == taskIndex);
        if (first is not null) Select(first.Index);
    }

    // ---- editing ----------------------------------------------------------------------------------------------

    public void EditCommand(string command)
    {
        if (Selected is not { } step) return;
        var original = OriginalAction(step).Command;
        var changed = Normalise(command) == Normalise(original) ? _edits.Remove(step.Key) : SetEdit(step.Key, command);
        if (changed) { Save(); Raise(); }
    }

    public void RestoreOriginalCommand()
    {
        if (Selected is not { } step || !_edits.Remove(step.Key)) return;
        Save();
        Raise();
    }

    public void ShowHint()
    {
        if (Selected is not { } step) return;
        if (string.IsNullOrWhiteSpace(step.Step.Hint)) { Notice = Text.NoHint; Raise(); return; }
        if (_hints.Add(step.Key)) Save();
        Raise();
    }

    /// <summary>Forgets the selected step's verdict, output and edits.</summary>
    public void ResetStep()
    {
        if (Selected is not { } step) return;
        if (RunningStep == step) { Notice = Text.Busy; Raise(); return; }
        _status.Remove(step.Key);
        _results.Remove(step.Key);
        _savedVerdicts.Remove(step.Key);
        _edits.Remove(step.Key);
        Save();
        Raise();
    }

    // ---- running ----------------------------------------------------------------------------------------------

    /// <summary>Runs the selected step with the command as shown; shell steps ask first (once, or once per lab).</summary>
    public void Run()
    {
        if (Selected is not { } step || Pending is not null) return;
        if (IsBusy) { Notice = Text.Busy; Raise(); return; }
        var action = OriginalAction(step).WithCommand(CommandOf(step));
        if (action is ManualAction)
        {
            // Nothing to run: the student did it; the run key marks it done.
            _results[step.Key] = new StepRunResult(new StepOutput("", [], StepOutcome.Completed, TimeSpan.Zero), Verdict.Manual(new MarkedDone()));
            _status[step.Key] = StepStatus.Done;
            Save();
            Raise();
            return;
        }
        if (action is ShellAction && !ShellAllowedForLab)
        {
            _awaitingConsent = step;
            Ask(QuestionKind.ShellConsent, Text.ShellTitle, Text.ShellQuestion(action.Command.Trim()),
                (Choice.AllowOnce, Text.AllowOnce), (Choice.AllowAll, Text.AllowAll), (Choice.Cancel, Text.Cancel));
            return;
        }
        Start(step, action, allowShell: ShellAllowedForLab);
    }

    /// <summary>On the way out: cancels a running step and waits (bounded) for the engine to let go of the server.</summary>
    public bool StopAndWait(TimeSpan timeout)
    {
        CancelRun();
        return _work.Wait(timeout);
    }

    public void CancelRun()
    {
        if (RunningStep is null) return;
        _cts?.Cancel();
    }

    private void Start(StepRef step, StepAction action, bool allowShell)
    {
        var cts = new CancellationTokenSource();
        _cts = cts;
        RunningStep = step;
        Activity = null;
        Notice = null;
        _startedAt = _time.GetTimestamp();
        _status[step.Key] = StepStatus.Running;
        _results.Remove(step.Key);
        _savedVerdicts.Remove(step.Key);
        Raise();
        var request = new StepRunRequest(step.Task, step.Step, action, allowShell);
        var progress = new Posted<RunActivity>(_post, a => { if (RunningStep == step) { Activity = a; Raise(); } });
        _work = Task.Run(async () =>
        {
            StepRunResult result;
            try
            {
                result = await _runner.RunAsync(request, progress, cts.Token);
            }
            catch (OperationCanceledException)
            {
                result = Cancelled(_time.GetElapsedTime(_startedAt));
            }
            catch (Exception e)
            {
                // The engine reports server errors as verdicts; anything thrown here is LabRunner's problem, shown not crashed.
                result = new StepRunResult(new StepOutput(e.Message, [], StepOutcome.Failed, _time.GetElapsedTime(_startedAt)),
                    Verdict.Error(new CouldNotRun(e.Message)));
            }
            _post(() => Finish(step, result, cts));
        });
    }

    private void Finish(StepRef step, StepRunResult result, CancellationTokenSource cts)
    {
        cts.Dispose();
        if (_cts == cts) _cts = null;
        RunningStep = null;
        Activity = null;
        Notice = null;
        _results[step.Key] = result;
        _status[step.Key] = result.Output.Outcome == StepOutcome.Cancelled
            ? StepStatus.NotRun
            : result.Verdict.Status switch
            {
                VerdictStatus.Passed => StepStatus.Passed,
                VerdictStatus.Failed => StepStatus.Failed,
                VerdictStatus.Error => StepStatus.Error,
                VerdictStatus.NotCompared => StepStatus.NotCompared,
                VerdictStatus.Manual => StepStatus.Done,
                _ => StepStatus.NotRun,
            };
        Save();
        Raise();
        if (_quitWhenIdle) QuitRequested?.Invoke();
    }

    private static StepRunResult Cancelled(TimeSpan elapsed) =>
        new(new StepOutput("", [], StepOutcome.Cancelled, elapsed), new Verdict(VerdictStatus.NotRun, new Cancelled()));

    // ---- questions --------------------------------------------------------------------------------------------

    /// <summary>At start: offers the saved progress back ("continue where you left off" / "start over").</summary>
    public void OfferResume()
    {
        _saved = _store?.Load(Lab.Id);
        if (_saved is null || _saved.IsEmpty) return;
        var passed = _saved.Steps.Values.Count(s => s.Status == VerdictStatus.Passed);
        Ask(QuestionKind.Resume, Text.ResumeTitle, Text.ResumeQuestion(passed, Steps.Count),
            (Choice.Continue, Text.Continue), (Choice.StartOver, Text.StartOver));
    }

    public void RequestRestart()
    {
        if (Pending is not null) return;
        if (IsBusy) { Notice = Text.Busy; Raise(); return; }
        Ask(QuestionKind.Restart, Text.RestartTitle, Text.RestartQuestion, (Choice.Yes, Text.Yes), (Choice.No, Text.No));
    }

    public void RequestQuit()
    {
        if (Pending?.Kind == QuestionKind.Quit) return;
        if (!IsBusy) { QuitRequested?.Invoke(); return; }
        Ask(QuestionKind.Quit, Text.QuitTitle, Text.QuitQuestion, (Choice.Yes, Text.Yes), (Choice.No, Text.No));
    }

    public void ShowHelp() => Ask(QuestionKind.Help, Text.HelpTitle, HelpText, (Choice.Close, Text.Close));

    /// <summary>The F1 help, set by the screen from its key table.</summary>
    public string HelpText { get; set; } = "";

    public void Answer(Choice choice)
    {
        if (Pending is not { } question) return;
        Pending = null;
        switch (question.Kind, choice)
        {
            case (QuestionKind.ShellConsent, Choice.AllowOnce or Choice.AllowAll):
                if (choice == Choice.AllowAll) ShellAllowedForLab = true;
                var step = _awaitingConsent!;
                _awaitingConsent = null;
                Start(step, OriginalAction(step).WithCommand(CommandOf(step)), allowShell: true);
                return;
            case (QuestionKind.ShellConsent, _):
                _awaitingConsent = null;
                break;
            case (QuestionKind.Restart, Choice.Yes):
                Restart();
                return;
            case (QuestionKind.Quit, Choice.Yes):
                _quitWhenIdle = true;
                if (!IsBusy) { QuitRequested?.Invoke(); return; }
                CancelRun();
                break;
            case (QuestionKind.Resume, Choice.Continue):
                Apply(_saved!);
                break;
            case (QuestionKind.Resume, Choice.StartOver):
                Forget();
                break;
        }
        Raise();
    }

    private void Ask(QuestionKind kind, string title, string message, params (Choice Choice, string Label)[] choices)
    {
        Pending = new Question(kind, title, message, choices.Select(c => new QuestionChoice(c.Choice, c.Label)).ToList());
        Raise();
    }

    private void Restart()
    {
        _status.Clear();
        _results.Clear();
        _edits.Clear();
        _hints.Clear();
        _savedVerdicts.Clear();
        Forget();
        SelectedIndex = 0;
        Restarting = true;
        Activity = null;
        _startedAt = _time.GetTimestamp();
        Raise();
        _work = Task.Run(async () =>
        {
            string? failure = null;
            try { await _runner.RestartAsync(CancellationToken.None); }
            catch (Exception e) { failure = e.Message; }
            _post(() =>
            {
                Restarting = false;
                Activity = null;
                Notice = failure;
                Raise();
                if (_quitWhenIdle) QuitRequested?.Invoke();
            });
        });
    }

    // ---- progress ---------------------------------------------------------------------------------------------

    private void Apply(LabProgress saved)
    {
        foreach (var step in Steps)
        {
            if (!saved.Steps.TryGetValue(step.Key, out var record)) continue;
            var status = record.Status switch
            {
                VerdictStatus.Passed => StepStatus.Passed,
                VerdictStatus.Failed => StepStatus.Failed,
                VerdictStatus.Error => StepStatus.Error,
                VerdictStatus.NotCompared => StepStatus.NotCompared,
                VerdictStatus.Manual => StepStatus.Done,
                _ => StepStatus.NotRun,
            };
            if (status != StepStatus.NotRun) _status[step.Key] = status;
            if (status != StepStatus.NotRun && (record.Reason is not null || record.Message is not null)) _savedVerdicts[step.Key] = record;
            if (record.EditedCommand is not null) _edits[step.Key] = record.EditedCommand;
            if (record.HintUsed) _hints.Add(step.Key);
        }
        var current = Steps.FirstOrDefault(s => s.Key == saved.CurrentStep);
        if (current is not null) SelectedIndex = current.Index;
    }

    private void Forget()
    {
        _saved = null;
        try { _store?.Delete(Lab.Id); }
        catch (IOException e) { Notice = e.Message; }
    }

    public LabProgress Snapshot()
    {
        var records = new Dictionary<string, StepRecord>();
        foreach (var step in Steps)
        {
            var status = StatusOf(step) switch
            {
                StepStatus.Passed => VerdictStatus.Passed,
                StepStatus.Failed => VerdictStatus.Failed,
                StepStatus.Error => VerdictStatus.Error,
                StepStatus.NotCompared => VerdictStatus.NotCompared,
                StepStatus.Done => VerdictStatus.Manual,
                _ => VerdictStatus.NotRun,
            };
            var verdict = ResultOf(step)?.Verdict;
            var saved = _savedVerdicts.GetValueOrDefault(step.Key);
            var edited = _edits.GetValueOrDefault(step.Key);
            var hint = _hints.Contains(step.Key);
            if (status == VerdictStatus.NotRun && edited is null && !hint) continue;
            records[step.Key] = new StepRecord
            {
                Status = status,
                Reason = status == VerdictStatus.NotRun ? null : verdict?.Reason ?? saved?.Reason,
                Notes = status == VerdictStatus.NotRun ? [] : verdict?.Notes ?? saved?.Notes ?? [],
                Message = status == VerdictStatus.NotRun || verdict is not null ? null : saved?.Message,
                EditedCommand = edited,
                HintUsed = hint,
                LastRun = ResultOf(step) is null ? null : _time.GetUtcNow(),
            };
        }
        return new LabProgress { LabId = Lab.Id, CurrentStep = Selected?.Key, Steps = records };
    }

    /// <summary>Writes progress now (also called on every verdict, edit and hint). Failure to save is shown, never fatal.</summary>
    public void Save()
    {
        if (_store is null || Pending?.Kind == QuestionKind.Resume) return; // don't overwrite what we are offering back
        try { _store.Save(Snapshot()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Notice = e.Message; }
    }

    private bool SetEdit(string key, string command)
    {
        if (_edits.TryGetValue(key, out var old) && old == command) return false;
        _edits[key] = command;
        return true;
    }

    private static string Normalise(string command) => command.Replace("\r\n", "\n").TrimEnd();

    private void Raise() => Changed?.Invoke();

    /// <summary>IProgress that hands each report to the UI thread (Progress&lt;T&gt; would capture whatever context is current).</summary>
    private sealed class Posted<T>(Action<Action> post, Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => post(() => handler(value));
    }
}
