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
/// the lab restarts; everything is read and changed on that one thread. The screen may open before the lab's server is
/// up (<see cref="FollowStart"/>): reading and moving around work at once, what needs the server says to wait.
/// </summary>
public sealed class LabSession
{
    private readonly ProgressStore? _store;
    private readonly TimeProvider _time;
    private LabProgress? _saved;
    private StepRef? _awaitingConsent;
    private bool _quitWhenIdle;
    private Queue<StepRef>? _replay;
    private int _replayTotal;
    private StepRef? _replayAt; // the step whose end the replay waits for
    private readonly HashSet<StepRef> _replayPassed = []; // replayed steps left waiting for a lock (the next ones release it)
    private readonly Queue<Question> _asked = new(); // questions that came while another was open
    private IReadOnlyList<string> _setupNeeds = [];
    private Consent _setupGranted;
    private string? _serverNotice;
    private bool? _hasSessions; // the notice about the server, cleared once it is up

    /// <param name="planned">The server as planned when the engine is not started yet (the app starts it behind the screen).</param>
    public LabSession(Lab lab, IStepRunner runner, ProgressStore? store, Catalogue text, Action<Action> post, TimeProvider? time = null, ServerInfo? planned = null)
    {
        _store = store;
        _time = time ?? TimeProvider.System;
        Text = text;
        Model = new ProgressModel(lab);
        Runs = new RunController(runner, post, _time, planned);
        Dialogs = new Dialogs(text);
        Runs.Changed += OnRunsChanged;
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
    /// <summary>The run the activity line speaks of: the selected step's when it runs, else the last one started.</summary>
    public StepRef? ShownRun => Selected is { } s && Runs.IsRunning(s) ? s : Runs.RunningSteps is { Count: > 0 } running ? running[^1] : null;
    public bool IsRunning(StepRef step) => Runs.IsRunning(step);
    /// <summary>Whether the lab runs SQL in more than its main session (the course's second terminal).</summary>
    public bool HasSessions => _hasSessions ??= Lab.Tasks.SelectMany(t => t.Steps).Any(st => st.Action is SqlAction { Session: not SqlAction.MainSession });
    public bool Restarting => Runs.Restarting;
    public bool Checking => Runs.Checking;
    public ServerStatus ServerStatus => Runs.Status;
    /// <summary>The lab's server is coming up (the screen opened first).</summary>
    public bool Starting => Runs.Starting;
    public bool ServerReady => Runs.ServerReady;
    public bool IsBusy => Runs.IsBusy;
    public RunActivity? Activity => ShownRun is { } run ? Runs.ActivityOf(run) : null;
    public TimeSpan Elapsed => ShownRun is { } run && !Restarting ? Runs.ElapsedOf(run) : Runs.Elapsed;
    public Question? Pending => Dialogs.Pending;
    /// <summary>A one-line message for the student (errors saving progress, "a step is running").</summary>
    public string? Notice { get; private set; }
    public bool ShellAllowedForLab { get; private set; }
    public int DoneCount => Model.DoneCount;
    /// <summary>The F1 help (the screen sets it from its key table).</summary>
    public string HelpText { get; set; } = "";

    /// <summary>Raised after any change the screen should show.</summary>
    public event Action? Changed;
    /// <summary>Raised when the screen should close (after confirmation, and after a running step has unwound).</summary>
    public event Action? QuitRequested;

    public StepStatus StatusOf(StepRef step) => Runs.IsRunning(step) ? StepStatus.Running : StepStatuses.Of(Model.VerdictOf(step));
    public StepRunResult? ResultOf(StepRef step) => Model.ResultOf(step);
    /// <summary>The verdict saved by an earlier session, in this session's language (a first-format file kept its English sentence).</summary>
    public string? SavedMessageOf(StepRef step) => Model.SavedOf(step) is { } saved
        ? saved.Reason is { } reason ? Text.Say(reason) : saved.Message
        : null;
    public bool HintShown(StepRef step) => Model.HintShown(step);
    /// <summary>What F2 has shown for the step so far (Markdown), or null.</summary>
    public string? HintOf(StepRef step) => StepHints.Markdown(Text, step, ResultOf(step), OriginalAction(step), Model.HintLevel(step));
    /// <summary>Replaying the steps saved as done (on a new sandbox), one after another.</summary>
    public bool Replaying => _replay is not null;
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
        var levels = StepHints.Levels(Text, step, ResultOf(step), OriginalAction(step));
        if (levels == 0) { Notice = Text.NoHint; Raise(); return; }
        Notice = null;
        if (Model.ShowHint(step, levels)) Save();
        Raise();
    }

    /// <summary>Forgets the selected step's verdict, output and edits; asks first when there are edits to lose.</summary>
    public void ResetStep()
    {
        if (Restarting || Selected is not { } step || Pending is not null) return;
        if (Runs.IsRunning(step)) { Notice = Text.Busy; Raise(); return; }
        if (IsEdited(step)) { Ask(Dialogs.ResetStep(step.Step.Title)); return; }
        Model.Reset(step);
        SaveAndRaise();
    }

    // ---- running ------------------------------------------------------------------------------------------------

    /// <summary>Runs the selected step with the command as shown; a shell step asks first (once, or once per lab).</summary>
    public void Run()
    {
        if (Restarting || Selected is not { } step || Pending is not null) return;
        if (Checking || Runs.IsRunning(step)) { Notice = Text.Busy; Raise(); return; }
        var action = OriginalAction(step).WithCommand(CommandOf(step));
        if (action is not ManualAction && Runs.Holding(LaneOf(action)) is { } holder) { Notice = Text.LaneBusy(holder.Step.Title.Trim()); Raise(); return; }
        if (action is ManualAction)
        {
            // Nothing to run: the student did it; the run key marks it done.
            Notice = null;
            Model.Finished(step, new StepRunResult(new StepOutput("", [], StepOutcome.Completed, TimeSpan.Zero), Verdict.Manual(new MarkedDone())));
            SaveAndRaise();
            return;
        }
        if (!ServerReady) { SayServer(WhyNoServer()); return; }
        // A step that cannot run here at all is not asked about: the engine says why in its verdict.
        if (ConsentRules.Needed(action) is var needed and not Consent.None && !ShellAllowedForLab && Runs.WhyNotHere(action) is null)
        {
            _awaitingConsent = step;
            Ask(ConsentQuestion(action, needed));
            return;
        }
        Start(step, action, allowShell: ShellAllowedForLab);
    }

    /// <summary>Runs the next step of the replay (or ends it); a shell step asks for consent as always.</summary>
    private void ReplayNext()
    {
        if (_replay is null) return;
        if (!ServerReady)
        {
            // The replay goes on once the server is up (OnStarted); without one it cannot.
            if (Starting) SayServer(Text.WaitForServer);
            else StopReplay(null);
            Raise();
            return;
        }
        if (!_replay.TryDequeue(out var step))
        {
            _replay = null;
            _replayAt = null;
            _replayPassed.Clear();
            if (_saved is { CurrentStep: { } current } && Steps.FirstOrDefault(x => x.Key == current) is { } at) Model.Select(at.Index);
            Notice = Text.Replayed(_replayTotal);
            SaveAndRaise();
            return;
        }
        var action = OriginalAction(step).WithCommand(CommandOf(step));
        if (Runs.Holding(LaneOf(action)) is { } holder)
        {
            // Its session still runs an earlier step (one left waiting for a lock): go on when that one ends.
            _replay = new Queue<StepRef>(_replay.Prepend(step));
            _replayAt = holder;
            return;
        }
        Model.Select(step.Index);
        _replayAt = step;
        if (ConsentRules.Needed(action) != Consent.None && !ShellAllowedForLab)
        {
            _awaitingConsent = step;
            Ask(ConsentQuestion(action, ConsentRules.Needed(action)));
        }
        else Start(step, action, allowShell: ShellAllowedForLab);
        Notice = Text.Replaying(_replayTotal - _replay.Count, _replayTotal, step.Step.Title);
        Raise();
    }

    private void StopReplay(StepRef? at)
    {
        if (_replay is null) return;
        _replay = null;
        _replayAt = null;
        _replayPassed.Clear();
        Notice = at is null ? null : Text.ReplayStopped(at.Step.Title);
    }

    /// <summary>A shell step's question, or SQL that runs programs said for what it is (the same answers).</summary>
    private Question ConsentQuestion(StepAction action, Consent needed) => needed.HasFlag(Consent.ServerProgram)
        ? Dialogs.ProgramConsent(action.Command.Trim(), Text.Effects(ConsentRules.ProgramsIn(action)))
        : Dialogs.ShellConsent(action.Command.Trim());

    /// <summary>Esc: cancels the selected step when it runs, else the last one started, the checks, or the server's start.</summary>
    public void CancelRun() => Runs.Cancel(Selected is { } s && Runs.IsRunning(s) ? s : null);

    /// <summary>Steps of one SQL session run one at a time; other sessions (other terminals) and the host's commands run beside them.</summary>
    public static string LaneOf(StepAction action) => action is SqlAction sql ? $"sql {sql.Server} {sql.Session}" : $"host {action.Server}";

    /// <summary>
    /// A replayed step left waiting for another session's lock does not hold the replay up: the next steps (one of them
    /// releases it) go on, as <c>check</c> does.
    /// </summary>
    private void OnRunsChanged()
    {
        if (_replay is not null && _replayAt is { } at && Runs.IsRunning(at) && !_replayPassed.Contains(at)
            && Runs.ActivityOf(at)?.Activity is LockWait)
        {
            _replayPassed.Add(at);
            ReplayNext();
        }
        Raise();
    }

    // ---- the server's start -------------------------------------------------------------------------------------

    /// <summary>Follows the server's start, begun before the screen opened so the two overlap.</summary>
    public void FollowStart(Task starting, CancellationTokenSource stop) => Runs.Follow(starting, stop, OnStarted);

    /// <summary>
    /// The lab's settings or setup SQL run programs on the server: the student is asked before it starts (the answer is
    /// kept for restarts); No leaves the lab readable with no server.
    /// </summary>
    public void AskSetupConsent(IReadOnlyList<string> needs)
    {
        _setupNeeds = needs;
        Ask(Dialogs.SetupConsent(needs));
    }

    private void StartServer()
    {
        if (Runs.Start(_setupGranted, OnStarted)) SayServer(null);
    }

    private void OnStarted()
    {
        switch (ServerStatus)
        {
            case ServerStatus.Ready:
                if (Notice == _serverNotice) Notice = null;
                _serverNotice = null;
                if (_replay is not null) ReplayNext();
                break;
            case ServerStatus.NotStarted:
                StopReplay(null);
                SayServer(Text.StartCancelled);
                break;
            case ServerStatus.Failed:
                StopReplay(null);
                SayServer(Runs.StartFailure);
                Ask(Dialogs.StartFailed(Runs.StartFailure ?? ""));
                break;
        }
        Raise();
    }

    /// <summary>Why a key that needs the server does nothing now.</summary>
    private string WhyNoServer() => Starting ? Text.WaitForServer
        : _setupNeeds.Count > 0 && _setupGranted == Consent.None ? Text.SetupDeclined
        : Text.NoServer;

    private void SayServer(string? notice)
    {
        Notice = _serverNotice = notice;
        Raise();
    }

    /// <summary>On the way out: cancels a running step and waits (bounded) for the engine to let go of the server.</summary>
    public bool StopAndWait(TimeSpan timeout) => Runs.StopAndWait(timeout);

    private void Start(StepRef step, StepAction action, bool allowShell)
    {
        var wasComplete = DoneCount == Steps.Count;
        Notice = null;
        Model.Started(step);
        Runs.Run(step, LaneOf(action), new StepRunRequest(step.Task, step.Step, action, allowShell), result =>
        {
            Notice = null;
            Model.Finished(step, result);
            Save();
            if (_quitWhenIdle) { if (!IsBusy) QuitRequested?.Invoke(); return; }
            if (_replay is null)
            {
                if (!wasComplete && DoneCount == Steps.Count && !IsBusy) Ask(Dialogs.Completed(CompletionSummary(), Lab.Tasks.Any(t => t.Checks.Count > 0)));
                return;
            }
            if (!StepStatuses.IsDone(Model.VerdictOf(step))) StopReplay(step);
            else if (_replayAt == step) ReplayNext();
        });
    }

    // ---- questions ----------------------------------------------------------------------------------------------

    /// <summary>At start: offers the saved progress back ("continue where you left off" / "start over").</summary>
    /// <param name="read">The store's answer when it was read already (the app reads it while the screen is built).</param>
    public void OfferResume(SavedProgress? read = null)
    {
        read ??= _store?.Read(Lab.Id) ?? SavedProgress.None;
        if (read.SetAside is { } bad)
        {
            Notice = Text.ProgressSetAside(bad.Why, bad.MovedTo ?? bad.Path);
            Raise();
        }
        _saved = read.Progress;
        if (_saved is null || _saved.IsEmpty) return;
        var done = _saved.Steps.Values.Count(s => StepStatuses.IsDone(s.Status));
        // A sandbox is new every time: its database has none of the tables the saved steps made.
        Ask(Server.IsSandbox && ToReplay(_saved).Count > 0 ? Dialogs.ResumeOnNewDatabase(done, Steps.Count) : Dialogs.Resume(done, Steps.Count));
    }

    /// <summary>Ctrl+R: restart (asks first); without a server, start it (asking the setup's consent again if it was declined).</summary>
    public void RequestRestart()
    {
        if (Pending is not null || Restarting) return;
        if (Starting) { SayServer(Text.WaitForServer); return; }
        if (IsBusy) { Notice = Text.Busy; Raise(); return; }
        if (ServerStatus == ServerStatus.Ready) { Ask(Dialogs.Restart()); return; }
        if (_setupNeeds.Count > 0 && _setupGranted == Consent.None) Ask(Dialogs.SetupConsent(_setupNeeds));
        else StartServer();
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
        Answered(question, choice);
        if (Pending is null && _asked.TryDequeue(out var next)) Ask(next);
    }

    private void Answered(Question question, Choice choice)
    {
        switch (question.Kind, choice)
        {
            case (QuestionKind.SetupConsent, Choice.Yes):
                _setupGranted = Consent.ServerProgram;
                StartServer();
                return;
            case (QuestionKind.SetupConsent, _):
                SayServer(Text.SetupDeclined);
                return;
            case (QuestionKind.StartFailed, Choice.Quit):
                QuitRequested?.Invoke();
                return;
            case (QuestionKind.ShellConsent, Choice.AllowOnce or Choice.AllowAll):
                if (choice == Choice.AllowAll) ShellAllowedForLab = true;
                var step = _awaitingConsent!;
                _awaitingConsent = null;
                Start(step, OriginalAction(step).WithCommand(CommandOf(step)), allowShell: true);
                return;
            case (QuestionKind.ShellConsent, _):
                StopReplay(_awaitingConsent);
                _awaitingConsent = null;
                break;
            case (QuestionKind.Restart, Choice.Yes):
                Restart();
                return;
            case (QuestionKind.Quit, Choice.Yes):
                _quitWhenIdle = true;
                if (!IsBusy) { QuitRequested?.Invoke(); return; }
                Runs.CancelAll();
                break;
            case (QuestionKind.Resume, Choice.Continue):
                Model.Apply(_saved!);
                break;
            case (QuestionKind.Resume, Choice.Replay):
                Model.Apply(_saved!);
                var replay = ToReplay(_saved!);
                foreach (var again in replay) Model.Unmark(again);
                _replay = new Queue<StepRef>(replay);
                _replayTotal = replay.Count;
                ReplayNext();
                return;
            case (QuestionKind.Completed, Choice.CheckMyWork):
                CheckMyWork();
                return;
            case (QuestionKind.ResetStep, Choice.Yes) when Selected is { } selected && !Runs.IsRunning(selected):
                Model.Reset(selected);
                Save();
                break;
            case (QuestionKind.Resume, Choice.StartOver):
                Forget();
                break;
        }
        Raise();
    }

    /// <summary>"All 8 steps done. 2 hints used." (the words the completion screen starts with).</summary>
    public string CompletionSummary()
    {
        var hints = Steps.Count(Model.HintShown);
        return Text.AllDone(DoneCount, Steps.Count) + (hints > 0 ? " " + Text.HintsUsed(hints) : "");
    }

    /// <summary>Runs the lab's grading checks read-only and shows each one's verdict.</summary>
    public void CheckMyWork()
    {
        if (IsBusy) { Notice = Text.Busy; Raise(); return; }
        if (!ServerReady) { SayServer(WhyNoServer()); return; }
        Runs.Check((outcomes, failure) =>
        {
            if (outcomes is null) { Notice = Text.ChecksFailed(failure ?? ""); return; }
            var lines = outcomes.Select(o => $"{ScreenText.Mark(StepStatuses.Of(o.Verdict.Status))} {o.Task} · {o.Check}: {Text.Say(o.Verdict)}");
            var passed = outcomes.Count(o => o.Verdict.Status == VerdictStatus.Passed);
            Dialogs.Ask(Dialogs.CheckResults(Text.ChecksPassed(passed, outcomes.Count) + "\n\n" + string.Join("\n", lines)));
        });
    }

    /// <summary>The saved steps that ran and were done (passed, ran with nothing to compare, or compared by eye), in the lab's order: what a replay runs.
    /// Manual steps keep their mark (there is nothing to run).</summary>
    private List<StepRef> ToReplay(LabProgress saved) =>
        Steps.Where(s => saved.Steps.TryGetValue(s.Key, out var r) && r.Status is VerdictStatus.Passed or VerdictStatus.Ran or VerdictStatus.NotCompared).ToList();

    /// <summary>Puts a question; one that comes while another is open waits its turn.</summary>
    private void Ask(Question question)
    {
        if (Pending is not null && Pending != question) _asked.Enqueue(question);
        else Dialogs.Ask(question);
        Raise();
    }

    private void Restart()
    {
        _replay = null;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Notice = Text.ProgressNotSaved(e.Message); }
    }

    public LabProgress Snapshot() => Model.Snapshot(_time.GetUtcNow());

    /// <summary>Writes progress now (also on every verdict, edit and hint). Failure to save is shown, never fatal.</summary>
    public void Save()
    {
        if (_store is null || Pending?.Kind == QuestionKind.Resume) return; // don't overwrite what we are offering back
        try { _store.Save(Snapshot()); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { Notice = Text.ProgressNotSaved(e.Message); }
    }

    private void SaveAndRaise()
    {
        Save();
        Raise();
    }

    private void Raise() => Changed?.Invoke();
}
