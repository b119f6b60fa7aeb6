using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Tui;

/// <summary>
/// Owns the engine for the screen: runs steps off the UI thread and brings their progress and results back through
/// <c>post</c> (app.Invoke), cancels, and restarts the lab on a fresh server. Steps of different lanes (SQL sessions)
/// run at once, as in two terminals: an UPDATE waiting for session A's lock goes on waiting while the student runs
/// session A's COMMIT; one lane runs one step at a time. Every member is read and changed on
/// the UI thread. While the engine restarts it is never asked anything: the server's description and the steps' actions
/// come from what it said before, and <see cref="Restarting"/> tells the screen to take no commands. Made with a
/// <c>planned</c> server, the engine is not started yet: the screen opens at once and <see cref="Follow"/> (or
/// <see cref="Start"/>) brings the server up behind it; until <see cref="Status"/> is Ready nothing is run.
/// </summary>
public sealed class RunController(IStepRunner runner, Action<Action> post, TimeProvider? time = null, ServerInfo? planned = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly Dictionary<Step, StepAction> _actions = new(ReferenceEqualityComparer.Instance);
    private CancellationTokenSource? _cts; // the checks', or the server start's
    private long _startedAt;
    private readonly List<StepRun> _running = []; // in the order they started

    private sealed class StepRun(StepRef step, string lane, CancellationTokenSource cts, long startedAt)
    {
        public StepRef Step { get; } = step;
        public string Lane { get; } = lane;
        public CancellationTokenSource Cts { get; } = cts;
        public long StartedAt { get; } = startedAt;
        public RunActivity? Activity { get; set; }
        public Task Work { get; set; } = Task.CompletedTask;
    }
    private Task _work = Task.CompletedTask;
    private Action? _takeIfDone; // a followed start's completion, run once: when posted, or earlier by TakeFinishedStart

    /// <summary>The server, as the engine last described it (kept through a restart until the new one is up); before
    /// the first start, the planned one (no version yet).</summary>
    public ServerInfo Server { get; private set; } = planned ?? runner.Server;
    /// <summary>Whether the engine has a server: not while it starts, after a failed start or restart, or when not started.</summary>
    public ServerStatus Status { get; private set; } = planned is null ? ServerStatus.Ready : ServerStatus.NotStarted;
    /// <summary>Why the last start or restart failed (one line, from the exception's message), else null.</summary>
    public string? StartFailure { get; private set; }
    public bool Starting => Status == ServerStatus.Starting;
    public bool ServerReady => Status == ServerStatus.Ready;
    /// <summary>Whether the server was ever up in this session (a failure after that is a restart's).</summary>
    public bool WasReady { get; private set; } = planned is null;
    /// <summary>The steps running now, in the order they started.</summary>
    public IReadOnlyList<StepRef> RunningSteps => _running.Select(r => r.Step).ToList();
    public bool IsRunning(StepRef step) => _running.Any(r => r.Step == step);
    /// <summary>The running step that holds a lane (a SQL session), or null when it is free.</summary>
    public StepRef? Holding(string lane) => _running.FirstOrDefault(r => r.Lane == lane)?.Step;
    public bool Restarting { get; private set; }
    public bool Checking { get; private set; }
    public bool IsBusy => _running.Count > 0 || Restarting || Checking;
    /// <summary>What a running step waits for (a lock, the next check), or null.</summary>
    public RunActivity? ActivityOf(StepRef step) => _running.FirstOrDefault(r => r.Step == step)?.Activity;
    /// <summary>How long a running step has run.</summary>
    public TimeSpan ElapsedOf(StepRef step) => _running.FirstOrDefault(r => r.Step == step) is { } run ? _time.GetElapsedTime(run.StartedAt) : TimeSpan.Zero;
    /// <summary>How long the restart, the checks or the server's start has taken.</summary>
    public TimeSpan Elapsed => Restarting || Checking || Starting ? _time.GetElapsedTime(_startedAt) : TimeSpan.Zero;

    /// <summary>Raised (on the UI thread) when a run or restart starts, progresses or ends.</summary>
    public event Action? Changed;

    /// <summary>
    /// The action a step runs on this server (variant, variables), asked of the engine once per server. During a restart
    /// the previous server's answer stands (or the lab's own action when there was none): the engine is between servers.
    /// </summary>
    public StepAction ActionFor(Step step)
    {
        if (_actions.TryGetValue(step, out var known)) return known;
        if (Restarting || !ServerReady) return step.ActionFor(Server.MajorVersion);
        return _actions[step] = runner.ActionFor(step);
    }

    /// <summary>Why a step cannot run on this server at all, or null (also while there is no server: nothing to say yet).</summary>
    public VerdictReason? WhyNotHere(StepAction action) => Restarting || !ServerReady ? null : runner.WhyNotHere(action);

    /// <summary>
    /// Runs a step in its lane; <paramref name="finished"/> gets its result on the UI thread. Refused (false) while the
    /// lab restarts or checks, without a server, or while the step or another of its lane runs.
    /// </summary>
    public bool Run(StepRef step, string lane, StepRunRequest request, Action<StepRunResult> finished)
    {
        if (Restarting || Checking || !ServerReady || IsRunning(step) || Holding(lane) is not null) return false;
        var cts = new CancellationTokenSource();
        var startedAt = _time.GetTimestamp();
        var run = new StepRun(step, lane, cts, startedAt);
        _running.Add(run);
        var progress = new Posted<RunActivity>(post, a => { if (_running.Contains(run)) { run.Activity = a; Changed?.Invoke(); } });
        run.Work = Task.Run(async () =>
        {
            StepRunResult result;
            try
            {
                result = await runner.RunAsync(request, progress, cts.Token);
            }
            catch (OperationCanceledException)
            {
                result = new(new StepOutput("", [], StepOutcome.Cancelled, _time.GetElapsedTime(startedAt)), new Verdict(VerdictStatus.NotRun, new Cancelled()));
            }
            catch (Exception e)
            {
                // The engine reports server errors as verdicts; anything thrown here is LabRunner's problem, shown not crashed.
                result = new(new StepOutput(e.Message, [], StepOutcome.Failed, _time.GetElapsedTime(startedAt)), Verdict.Error(new CouldNotRun(e.Message)));
            }
            post(() =>
            {
                cts.Dispose();
                // Cancelled during an eventually-wait: what the last check printed stays on screen, not a blank pane.
                if ((result.Output.Outcome == StepOutcome.Cancelled || result.Verdict.Reason is Cancelled) && result.Output.Text.Length == 0
                    && run.Activity?.Activity is Running.EventuallyRetry { LastOutput: { } last })
                    result = result with { Output = last with { Outcome = StepOutcome.Cancelled, Duration = result.Output.Duration } };
                if (ServerReady) Server = runner.Server; // a step may have started or stopped one of the lab's servers
                _running.Remove(run);
                finished(result);
                Changed?.Invoke();
            });
        });
        Changed?.Invoke();
        return true;
    }

    /// <summary>Cancels a running step (by default the last started), else the checks or the server's start.</summary>
    public void Cancel(StepRef? step = null)
    {
        var run = step is null ? _running.LastOrDefault() : _running.FirstOrDefault(r => r.Step == step);
        if (run is not null) run.Cts.Cancel();
        else if (step is null && (Checking || Starting)) _cts?.Cancel();
    }

    /// <summary>Cancels every running step, and the checks or the server's start.</summary>
    public void CancelAll()
    {
        foreach (var run in _running) run.Cts.Cancel();
        if (Checking || Starting) _cts?.Cancel();
    }

    /// <summary>
    /// Follows a start already under way (the app begins it before the screen, so the two overlap) until the server is
    /// up, failed, or was stopped (<see cref="Cancel"/>); <paramref name="finished"/> runs on the UI thread after.
    /// </summary>
    public void Follow(Task starting, CancellationTokenSource stop, Action finished)
    {
        Status = ServerStatus.Starting;
        StartFailure = null;
        _cts = stop;
        _startedAt = _time.GetTimestamp();
        var taken = false;
        Action? take = null;
        take = () =>
        {
            if (taken || !starting.IsCompleted) return;
            taken = true;
            if (_takeIfDone == take) _takeIfDone = null;
            if (_cts == stop) _cts = null;
            var stopped = stop.IsCancellationRequested; // whatever a stopped start threw, it was stopped, not broken
            stop.Dispose();
            _actions.Clear(); // the server's own answers ({{workdir}}, its version's variant) replace the planned ones
            if (starting.IsCompletedSuccessfully)
            {
                Status = ServerStatus.Ready;
                WasReady = true;
                Server = runner.Server;
            }
            else if (stopped || starting.IsCanceled || starting.Exception?.InnerException is OperationCanceledException) Status = ServerStatus.NotStarted;
            else
            {
                Status = ServerStatus.Failed;
                StartFailure = starting.Exception?.InnerException?.Message ?? "?";
            }
            StartTrace.Mark("server start taken by the UI");
            finished();
            Changed?.Invoke();
        };
        _takeIfDone = take;
        _work = starting.ContinueWith(_ => post(take),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        Changed?.Invoke();
    }

    /// <summary>
    /// Takes a followed start that has finished now instead of when its posted completion comes round (the screen calls
    /// it before its first frame, so a server that was up by then is drawn once, ready, rather than starting and then ready).
    /// </summary>
    public void TakeFinishedStart() => _takeIfDone?.Invoke();

    /// <summary>Starts the server now (after the student's consent, or again after a failure); refused while busy or up.</summary>
    public bool Start(Consent setupConsent, Action finished)
    {
        if (IsBusy || Status is ServerStatus.Starting or ServerStatus.Ready) return false;
        var stop = new CancellationTokenSource();
        Follow(Task.Run(() => runner.StartAsync(setupConsent, stop.Token), CancellationToken.None), stop, finished);
        return true;
    }

    /// <summary>Throws the server away and starts afresh; <paramref name="finished"/> gets the failure, if any, on the UI thread.</summary>
    public bool Restart(Action<string?> finished)
    {
        if (IsBusy || Starting) return false;
        Restarting = true;
        _startedAt = _time.GetTimestamp();
        _work = Task.Run(async () =>
        {
            string? failure = null;
            try { await runner.RestartAsync(CancellationToken.None); }
            catch (Exception e) { failure = e.Message; }
            post(() =>
            {
                // A new server: its description and the steps' actions ({{workdir}}, {{data_directory}}) are asked anew.
                _actions.Clear();
                Status = failure is null ? ServerStatus.Ready : ServerStatus.Failed;
                StartFailure = failure;
                if (failure is null) { Server = runner.Server; WasReady = true; }
                Restarting = false;
                finished(failure);
                Changed?.Invoke();
            });
        });
        Changed?.Invoke();
        return true;
    }

    /// <summary>Runs the lab's grading checks read-only; <paramref name="finished"/> gets their verdicts (or the failure) on the UI thread.</summary>
    public bool Check(Action<IReadOnlyList<CheckOutcome>?, string?> finished)
    {
        if (IsBusy || !ServerReady) return false;
        Checking = true;
        _startedAt = _time.GetTimestamp();
        var cts = new CancellationTokenSource();
        _cts = cts;
        _work = Task.Run(async () =>
        {
            IReadOnlyList<CheckOutcome>? outcomes = null;
            string? failure = null;
            try { outcomes = await runner.CheckAsync(cts.Token); }
            catch (Exception e) { failure = e.Message; }
            post(() =>
            {
                cts.Dispose();
                if (_cts == cts) _cts = null;
                Checking = false;
                finished(outcomes, failure);
                Changed?.Invoke();
            });
        });
        Changed?.Invoke();
        return true;
    }

    /// <summary>On the way out: cancels a running step and waits (bounded) for the engine to let go of the server.</summary>
    public bool StopAndWait(TimeSpan timeout)
    {
        CancelAll();
        return Task.WhenAll([_work, .. _running.Select(r => r.Work)]).Wait(timeout);
    }

    /// <summary>IProgress that hands each report to the UI thread (Progress&lt;T&gt; would capture whatever context is current).</summary>
    private sealed class Posted<T>(Action<Action> post, Action<T> handler) : IProgress<T>
    {
        public void Report(T value) => post(() => handler(value));
    }
}
