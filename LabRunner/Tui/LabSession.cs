using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>
/// The lab screen's state, free of Terminal.Gui so it can be tested alone: it ties the student's
/// <see cref="ProgressModel"/>, the <see cref="RunController"/> that owns the engine, and the <see cref="Dialogs"/>, and
/// saves progress after every change. Commands arrive on the UI thread (the key table's handlers) and are refused while
/// the lab restarts; everything is read and changed on that one thread.
/// </summary>
public sealed class LabSession
{
    private readonly ProgressStore? _store;
    private readonly TimeProvider _time;
    private LabProgress? _saved;
    private StepRef? _awaitingConsent;
    private bool _quitWhenIdle;

    public LabSession(Lab lab, IStepRunner runner, ProgressStore? store, Catalogue text, Action<Action> post, TimeProvider? time = null)
    {
        _store = store;
        _time = time ?? TimeProvider.System;
        Text = text;
        Model = new ProgressModel(lab);
        Runs = new RunController(runner, post, _time);
        Dialogs = new Dialogs(text);
        Runs.Changed += Raise;
    }

    public ProgressModel Model { get; }
    public RunController Runs { get; }
    public Dialogs Dialogs { get; }
    public Lab Lab => Model.Lab;
    public Catalogue Text { get; }
    public ServerInfo Server => Runs.Server;
    public IReadOnlyList<StepRef> Steps => Model.Steps;
    public int SelectedIndex => Model.SelectedIndex;
    public StepRef? Selected => Model.Selected;
    public StepRef? RunningStep => Runs.RunningStep;
    public bool Restarting => Runs.Restarting;
    public bool IsBusy => Runs.IsBusy;
    public RunActivity? Activity => Runs.Activity;
    public TimeSpan Elapsed => Runs.Elapsed;
    public Question? Pending => Dialogs.Pending;
    /// <summary>A one-line message for the student (errors saving progress, "a step is running").</summary>
    public string? Notice { get; private set; }
    public bool ShellAllowedForLab { get; private set; }
    public int PassedCount => Model.PassedCount;
    /// <summary>The F1 help (the screen sets it from its key table).</summary>
    public string HelpText { get; set; } = "";

    /// <summary>Raised after any change the screen should show.</summary>
    public event Action? Changed;
    /// <summary>Raised when the screen should close (after confirmation, and after a running step has unwound).</summary>
    public event Action? QuitRequested;

    public StepStatus StatusOf(StepRef step) => RunningStep == step ? StepStatus.Running : StepStatuses.Of(Model.VerdictOf(step));
    public StepRunResult? ResultOf(StepRef step) => Model.ResultOf(step);
    /// <summary>The verdict saved by an earlier session, in this session's language (a first-format file kept its English sentence).</summary>
    public string? SavedMessageOf(StepRef step) => Model.SavedOf(step) is { } saved
        ? saved.Reason is { } reason ? Text.Say(reason) : saved.Message
        : null;
    public bool HintShown(StepRef step) => Model.HintShown(step);
    public bool IsEdited(StepRef step) => Model.IsEdited(step);
    public StepAction OriginalAction(StepRef step) => Runs.ActionFor(step.Step);
    public string CommandOf(StepRef step) => Model.EditOf(step) ?? OriginalAction(step).Command;

    // ---- navigation and edits (refused while the lab restarts) --------------------------------------------------

    public void Select(int index)
    {
        if (Restarting || !Model.Select(index)) return;
        Notice = null;
        Raise();
    }

    public void Select(StepRef step) => Select(step.Index);
    public void SelectNext() => Select(SelectedIndex + 1);
    public void SelectPrevious() => Select(SelectedIndex - 1);
    public void SelectTask(int taskIndex)
    {
        if (Model.FirstOf(taskIndex) is { } first) Select(first.Index);
    }

    public void EditCommand(string command)
    {
        if (Restarting || Selected is not { } step) return;
        if (Model.Edit(step, command, OriginalAction(step).Command)) SaveAndRaise();
    }

    public void RestoreOriginalCommand()
    {
        if (Restarting || Selected is not { } step) return;
        if (Model.RestoreOriginal(step)) SaveAndRaise();
    }

    public void ShowHint()
    {
        if (Restarting || Selected is not { } step) return;
        if (string.IsNullOrWhiteSpace(step.Step.Hint)) { Notice = Text.NoHint; Raise(); return; }
        if (Model.ShowHint(step)) Save();
        Raise();
    }

    /// <summary>Forgets the selected step's verdict, output and edits.</summary>
    public void ResetStep()
    {
        if (Restarting || Selected is not { } step) return;
        if (RunningStep == step) { Notice = Text.Busy; Raise(); return; }
        Model.Reset(step);
        SaveAndRaise();
    }

    // ---- running ------------------------------------------------------------------------------------------------

    /// <summary>Runs the selected step with the command as shown; a shell step asks first (once, or once per lab).</summary>
    public void Run()
    {
        if (Restarting || Selected is not { } step || Pending is not null) return;
        if (IsBusy) { Notice = Text.Busy; Raise(); return; }
        var action = OriginalAction(step).WithCommand(CommandOf(step));
        if (action is ManualAction)
        {
            // Nothing to run: the student did it; the run key marks it done.
            Notice = null;
            Model.Finished(step, new StepRunResult(new StepOutput("", [], StepOutcome.Completed, TimeSpan.Zero), Verdict.Manual(new MarkedDone())));
            SaveAndRaise();
            return;
        }
        if (ConsentRules.Needed(action) is var needed and not Consent.None && !ShellAllowedForLab)
        {
            _awaitingConsent = step;
            Ask(needed.HasFlag(Consent.ServerProgram)
                ? Dialogs.ProgramConsent(action.Command.Trim(), Psql.SqlEffects.Describe(ConsentRules.ProgramsIn(action.Command)))
                : Dialogs.ShellConsent(action.Command.Trim()));
            return;
        }
        Start(step, action, allowShell: ShellAllowedForLab);
    }

    public void CancelRun() => Runs.Cancel();

    /// <summary>On the way out: cancels a running step and waits (bounded) for the engine to let go of the server.</summary>
    public bool StopAndWait(TimeSpan timeout) => Runs.StopAndWait(timeout);

    private void Start(StepRef step, StepAction action, bool allowShell)
    {
        Notice = null;
        Model.Started(step);
        Runs.Run(step, new StepRunRequest(step.Task, step.Step, action, allowShell), result =>
        {
            Notice = null;
            Model.Finished(step, result);
            Save();
            if (_quitWhenIdle) QuitRequested?.Invoke();
        });
    }

    // ---- questions ----------------------------------------------------------------------------------------------

    /// <summary>At start: offers the saved progress back ("continue where you left off" / "start over").</summary>
    public void OfferResume()
    {
        var read = _store?.Read(Lab.Id) ?? SavedProgress.None;
        if (read.SetAside is { } bad)
        {
            Notice = Text.ProgressSetAside(bad.Why, bad.MovedTo ?? bad.Path);
            Raise();
        }
        _saved = read.Progress;
        if (_saved is null || _saved.IsEmpty) return;
        Ask(Dialogs.Resume(_saved.Steps.Values.Count(s => s.Status == VerdictStatus.Passed), Steps.Count));
    }

    public void RequestRestart()
    {
        if (Pending is not null || Restarting) return;
        if (IsBusy) { Notice = Text.Busy; Raise(); return; }
        Ask(Dialogs.Restart());
    }

    public void RequestQuit()
    {
        if (Pending?.Kind == QuestionKind.Quit) return;
        if (!IsBusy) { QuitRequested?.Invoke(); return; }
        Ask(Dialogs.Quit());
    }

    public void ShowHelp() => Ask(Dialogs.Help(HelpText));

    public void Answer(Choice choice)
    {
        if (Dialogs.Close() is not { } question) return;
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
                Model.Apply(_saved!);
                break;
            case (QuestionKind.Resume, Choice.StartOver):
                Forget();
                break;
        }
        Raise();
    }

    private void Ask(Question question)
    {
        Dialogs.Ask(question);
        Raise();
    }

    private void Restart()
    {
        Model.Clear();
        Forget();
        Runs.Restart(failure =>
        {
            Notice = failure;
            if (_quitWhenIdle) QuitRequested?.Invoke();
        });
    }

    // ---- progress -----------------------------------------------------------------------------------------------

    private void Forget()
    {
        _saved = null;
        try { _store?.Delete(Lab.Id); }
        catch (IOException e) { Notice = e.Message; }
    }

    public LabProgress Snapshot() => Model.Snapshot(_time.GetUtcNow());

    /// <summary>Writes progress now (also on every verdict, edit and hint). Failure to save is shown, never fatal.</summary>
    public void Save()
    {
        if (_store is null || Pending?.Kind == QuestionKind.Resume) return; // don't overwrite what we are offering back
        try { _store.Save(Snapshot()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Notice = e.Message; }
    }

    private void SaveAndRaise()
    {
        Save();
        Raise();
    }

    private void Raise() => Changed?.Invoke();
}
