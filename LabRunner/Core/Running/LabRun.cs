using System.Diagnostics;
using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Execution;
using LabRunner.Psql;

namespace LabRunner.Running;

/// <summary>
/// Runs a lab's steps on one server and checks them: picks the version's variant, substitutes {{variables}} (here only:
/// the executor receives final actions), asks for nothing the user did not consent to, executes, holds the output
/// against the expectation (re-running `eventually` ones), and raises typed <see cref="RunEvent"/>s that the TUI and the
/// CLI observe alike. The run keeps every step's latest result for <see cref="Summary"/>.
/// </summary>
public sealed class LabRun
{
    private readonly IStepExecutor _executor;
    private readonly LabRunOptions _options;
    // Replaced whole (never changed in place) when a step captures a value: readers see the old or the new one.
    private volatile IReadOnlyDictionary<string, string> _variables;
    private readonly Dictionary<(string Task, string Step, StepKind Kind), StepResult> _results = [];
    private readonly Lock _gate = new();
    private bool _setupDone;

    public Lab Lab { get; }
    public IServerTarget Target { get; }

    /// <summary>Raised for every step started, progressing, detached (waiting on a lock) and finished — from worker threads.</summary>
    public event EventHandler<RunEvent>? Event;

    public LabRun(Lab lab, IServerTarget target, IStepExecutor executor, LabRunOptions? options = null)
    {
        Lab = lab;
        Target = target;
        _executor = executor;
        _options = options ?? new LabRunOptions();
        _variables = ServerVariables.For(target, lab);
    }

    /// <summary>Every {{variable}} a command may use on this server: the built-ins and the lab's own.</summary>
    public IReadOnlyDictionary<string, string> Variables => _variables;

    /// <summary>The action a step runs on this server: its version variant, with {{variables}} filled in (what the student sees).</summary>
    public StepAction ActionFor(Step step, string? commandOverride = null)
    {
        var action = step.ActionFor(Target.MajorVersion);
        if (commandOverride is not null) action = action.WithCommand(commandOverride);
        action = action.WithCommand(LabVariables.Substitute(action.Command, _variables));
        // The paths an edit or a server step names may use variables too ({{data_directory}}, {{workdir}}/backup).
        return action switch
        {
            EditAction edit => edit with { File = LabVariables.Substitute(edit.File, _variables) },
            ServerAction { DataDirectory: { } data } server => server with { DataDirectory = LabVariables.Substitute(data, _variables) },
            FileAction file => file with { Path = LabVariables.Substitute(file.Path, _variables) },
            _ => action,
        };
    }

    /// <summary>A step's captures from its output (first row of the first result with that column), for the steps after it.</summary>
    private void Capture(Step step, StepResult result)
    {
        if (step.Captures.Count == 0 || result.Output is null) return;
        var sets = result.Output.Results.OfType<ResultSet>().ToList();
        lock (_gate)
        {
            var variables = new Dictionary<string, string>(_variables, StringComparer.Ordinal);
            foreach (var (variable, column) in step.Captures)
                foreach (var rs in sets)
                {
                    var index = rs.Columns.ToList().FindIndex(c => c.Name == column);
                    if (index < 0 || rs.Rows.Count == 0 || rs.Rows[0][index] is not { } value) continue;
                    variables[variable] = value;
                    break;
                }
            _variables = variables;
        }
    }

    /// <summary>Runs the lab's setup SQL once (no-op when there is none or <see cref="LabRunOptions.RunSetup"/> is off).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        if (_setupDone) return;
        _setupDone = true;
        if (!_options.RunSetup || string.IsNullOrWhiteSpace(Lab.Server.Setup)) return;
        var setup = new SqlAction(LabVariables.Substitute(Lab.Server.Setup, _variables));
        // Never before the user's yes: the setup runs before any step, where no step's question could be asked.
        var consent = _options.Consent | _options.SetupConsent;
        if (ConsentRules.Missing(setup, consent) != Consent.None)
            throw new UserErrorException("the lab's setup SQL was not run: it needs the user's consent, as shell steps do: " +
                SqlEffects.Describe(ConsentRules.ProgramsIn(setup.Sql)));
        var output = await _executor.ExecuteAsync(setup, consent, _options.Execution.StatementTimeout, null, ct);
        if (output.FirstError is { } e)
            throw new UserErrorException($"the lab's setup SQL failed: {e.Severity} {e.SqlState}: {e.Message}");
        if (output.Outcome != StepOutcome.Completed)
            throw new UserErrorException($"the lab's setup SQL did not complete ({output.Outcome})");
    }

    /// <summary>
    /// Runs one step now and checks it; <paramref name="commandOverride"/> is the student's edited command and
    /// <paramref name="granted"/> what the student allowed for this step, beyond the run's <see cref="LabRunOptions.Consent"/>.
    /// </summary>
    public Task<StepResult> RunStepAsync(LabTask task, Step step, string? commandOverride, Consent granted, CancellationToken ct) =>
        RunAsync(task, step, StepKind.Step, commandOverride, granted, onWaitingForLock: null, onRunning: null, ct);

    /// <summary>Runs one of a task's read-only checks.</summary>
    public Task<StepResult> RunCheckAsync(LabTask task, Step check, CancellationToken ct) =>
        RunAsync(task, check, StepKind.Check, null, Consent.None, onWaitingForLock: null, onRunning: null, ct);

    /// <summary>
    /// Every step of every task in order, each task's checks after its steps. A step blocked on another session's lock
    /// does not hold up the run: the next steps go on (one of them may release the lock) and its result arrives when it completes.
    /// </summary>
    public async Task<IReadOnlyList<StepResult>> RunAllAsync(LabRunFilter? filter, CancellationToken ct)
    {
        var plan = Plan(filter ?? LabRunFilter.All, includeSteps: true);
        await StartAsync(ct);
        return await RunPlanAsync(plan, ct);
    }

    /// <summary>Only the tasks' checks (grading): no setup, no steps.</summary>
    public Task<IReadOnlyList<StepResult>> RunChecksAsync(LabRunFilter? filter, CancellationToken ct) =>
        RunPlanAsync(Plan(filter ?? LabRunFilter.All, includeSteps: false), ct);

    /// <summary>The latest result of every step run so far, in the lab's order.</summary>
    public RunSummary Summary
    {
        get
        {
            lock (_gate)
            {
                var ordered = Lab.Tasks.SelectMany(t => t.Steps.Select(s => (t, s, StepKind.Step)).Concat(t.Checks.Select(c => (t, c, StepKind.Check))))
                    .Select(x => _results.GetValueOrDefault((x.t.Id, x.Item2.Id, x.Item3)))
                    .OfType<StepResult>();
                return RunSummary.From(Lab, ordered);
            }
        }
    }

    private List<(LabTask Task, Step Step, StepKind Kind)> Plan(LabRunFilter filter, bool includeSteps)
    {
        var tasks = Lab.Tasks.Where(t => filter.TaskId is null || t.Id == filter.TaskId).ToList();
        if (tasks.Count == 0)
            throw new UserErrorException($"no task \"{filter.TaskId}\" in lab {Lab.Id} (tasks: {string.Join(", ", Lab.Tasks.Select(t => t.Id))})");
        var plan = new List<(LabTask, Step, StepKind)>();
        if (includeSteps && filter.WithNeeds && tasks is [var chosen])
            foreach (var needed in NeededBy(chosen))
                plan.AddRange(needed.Steps.Select(s => (needed, s, StepKind.Step)));
        foreach (var task in tasks)
        {
            if (includeSteps)
                plan.AddRange(task.Steps.Where(s => filter.StepId is null || s.Id == filter.StepId).Select(s => (task, s, StepKind.Step)));
            plan.AddRange(task.Checks.Where(c => filter.StepId is null || c.Id == filter.StepId).Select(c => (task, c, StepKind.Check)));
        }
        if (plan.Count == 0 && filter.StepId is not null)
            throw new UserErrorException($"no step \"{filter.StepId}\" in {(filter.TaskId is null ? "lab " + Lab.Id : "task " + filter.TaskId)} (steps: " +
                string.Join(", ", tasks.SelectMany(t => t.Steps.Concat(t.Checks)).Select(s => s.Id).Distinct()) + ")");
        return plan;
    }

    /// <summary>The tasks <paramref name="task"/> needs, and the ones they need, in the lab's order.</summary>
    private List<LabTask> NeededBy(LabTask task)
    {
        var wanted = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(task.Needs);
        while (pending.TryPop(out var id))
            if (wanted.Add(id) && Lab.Tasks.FirstOrDefault(t => t.Id == id) is { } needed)
                foreach (var more in needed.Needs) pending.Push(more);
        return Lab.Tasks.Where(t => wanted.Contains(t.Id)).ToList();
    }

    private async Task<IReadOnlyList<StepResult>> RunPlanAsync(List<(LabTask Task, Step Step, StepKind Kind)> plan, CancellationToken ct)
    {
        var running = new List<Task<StepResult>>();
        var background = new List<Task<StepResult>>();
        foreach (var (task, step, kind) in plan)
        {
            var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var run = RunAsync(task, step, kind, null, Consent.None, () => blocked.TrySetResult(),
                step.Background ? () => started.TrySetResult() : null, ct);
            running.Add(run);
            var next = await Task.WhenAny(run, blocked.Task, started.Task);
            // Blocked on a lock: go on; a later step may be the one that releases it. Give the waiting statement the time
            // a student takes to read the next step: its deadlock check runs first, as it does at a keyboard.
            if (next == blocked.Task && !run.IsCompleted) await Task.WhenAny(run, Task.Delay(_options.PaceAfterLockWait, ct));
            // A background step (a long query another session will cancel) runs on while the next steps go.
            if (step.Background) background.Add(run);
            // A step that cancelled or terminated a backend: a student sees the other terminal print its error before going
            // on, so the cancelled statement ends (and pg_stat_activity shows it idle) before the next step looks.
            else if (run.IsCompleted && background.Any(b => !b.IsCompleted) && EndsBackends(step))
                await Task.WhenAny(Task.WhenAll(background), Task.Delay(TimeSpan.FromSeconds(5), ct));
            // Interrupted: stop here rather than "run" every remaining step as cancelled.
            ct.ThrowIfCancellationRequested();
        }
        return await Task.WhenAll(running);
    }

    private static bool EndsBackends(Step step) => step.Action is SqlAction sql
        && (sql.Command.Contains("pg_cancel_backend", StringComparison.OrdinalIgnoreCase)
            || sql.Command.Contains("pg_terminate_backend", StringComparison.OrdinalIgnoreCase));

    private async Task<StepResult> RunAsync(LabTask task, Step step, StepKind kind, string? commandOverride, Consent granted,
        Action? onWaitingForLock, Action? onRunning, CancellationToken ct)
    {
        var action = ActionFor(step, commandOverride);
        var consent = _options.Consent | granted;
        var clock = Stopwatch.StartNew();
        Raise(new StepStarted(task, step, kind, action));
        StepResult result;
        if (action is ManualAction)
            result = new StepResult(task, step, kind, action, null, Verdict.Manual(), TimeSpan.Zero);
        // A check is never skipped this way: grading refuses what is not a read, with its own reason.
        else if (kind == StepKind.Step && StepPlacement.WhyNotHere(Target, action, consent) is { } notHere)
            result = new StepResult(task, step, kind, action, null, Verdict.Skip(notHere), TimeSpan.Zero);
        else if (ConsentRules.Missing(action, consent) is var missing and not Consent.None)
            result = new StepResult(task, step, kind, action, null, Verdict.Skip(new NotAllowed(missing)), TimeSpan.Zero);
        else if (action is ShellAction && LabVariables.Unknown(action.Command, _variables) is { Count: > 0 } unknown)
            // Never run a shell command with a hole in it (an unknown {{data_directory}} must not become `rsync / ...`).
            result = new StepResult(task, step, kind, action, null, Verdict.Fail(new UnknownVariables(unknown)), TimeSpan.Zero);
        else
            result = await ExecuteAndCheckAsync(task, step, kind, action, consent, clock, onWaitingForLock, onRunning, ct);
        lock (_gate) _results[(task.Id, step.Id, kind)] = result;
        Capture(step, result);
        Raise(new StepFinished(task, step, kind, result));
        return result;
    }

    private async Task<StepResult> ExecuteAndCheckAsync(LabTask task, Step step, StepKind kind, StepAction action, Consent consent,
        Stopwatch clock, Action? onWaitingForLock, Action? onRunning, CancellationToken ct)
    {
        var eventually = step.Expect?.Eventually;
        var settling = eventually is null ? null : new Settling(step.Expect!);
        var recorder = eventually is not null && step.Expect!.Watch is { } watch
            ? new WatchRecorder(watch, watch.Threshold is { } threshold ? await ThresholdAsync(action, threshold, consent, ct) : null)
            : null;
        var attempt = 0;
        while (true)
        {
            attempt++;
            StepOutput output;
            var progress = new ProgressRelay(this, task, step, kind, clock, eventually, attempt, onWaitingForLock, onRunning);
            try
            {
                output = await _executor.ExecuteAsync(action, consent, step.Timeout ?? _options.Execution.StatementTimeout, progress, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                return new StepResult(task, step, kind, action, null, Verdict.Error(new CouldNotRun(e.Message)), clock.Elapsed) { Attempts = attempt };
            }
            var verdict = ExpectationChecker.Check(action, step.Expect, output);
            var series = recorder?.Add(output, clock.Elapsed);
            if (series is not null) Raise(new StepSampled(task, step, kind, series));
            if (eventually is null || verdict.Status != VerdictStatus.Failed)
            {
                if (eventually is not null && verdict.Status == VerdictStatus.Passed)
                    verdict = verdict with
                    {
                        Reason = new MatchedAfter(verdict.Reason, clock.Elapsed),
                        Notes = [.. verdict.Notes, new MatchedOnAttempt(clock.Elapsed, attempt)],
                    };
                return Result(verdict);
            }
            if (settling!.Settled(output, clock.Elapsed))
                return Result(verdict with { Reason = new NoLongerChanging(verdict.Reason, settling.MovedMarker!, settling.MovedAt, clock.Elapsed - settling.SameSince, attempt) });
            var remaining = eventually.Within - clock.Elapsed;
            if (remaining < eventually.Every)
                return Result(verdict with { Reason = new StillNotMatching(verdict.Reason, clock.Elapsed, attempt) });
            await WaitAsync(task, step, kind, clock, eventually, attempt, verdict.Reason, output, ct);

            StepResult Result(Verdict v)
            {
                if (series is { Marker: { } marker, MarkerChangedAt: { } at }) v = v with { Notes = [.. v.Notes, new MarkerChanged(marker, at)] };
                return new StepResult(task, step, kind, action, output, v, clock.Elapsed) { Attempts = attempt, Series = series };
            }
        }
    }

    /// <summary>A watch's threshold: its query's first value, run once in the step's session (null when it gives no number).</summary>
    private async Task<double?> ThresholdAsync(StepAction action, string sql, Consent consent, CancellationToken ct)
    {
        var query = new SqlAction(LabVariables.Substitute(sql, _variables))
        {
            Server = action.Server,
            Session = (action as SqlAction)?.Session ?? SqlAction.MainSession,
            Database = (action as SqlAction)?.Database,
        };
        var output = await _executor.ExecuteAsync(query, consent, _options.Execution.StatementTimeout, null, ct);
        return WatchRecorder.FirstNumber(output);
    }

    /// <summary>Sleeps until the next attempt, raising a countdown every ProgressInterval.</summary>
    private async Task WaitAsync(LabTask task, Step step, StepKind kind, Stopwatch clock, Eventually eventually, int attempt,
        VerdictReason lastMismatch, StepOutput lastOutput, CancellationToken ct)
    {
        var until = clock.Elapsed + eventually.Every;
        while (clock.Elapsed < until)
        {
            Raise(new StepWaiting(task, step, kind, new EventuallyRetry(attempt, until - clock.Elapsed, lastMismatch) { LastOutput = lastOutput },
                clock.Elapsed, eventually.Within - clock.Elapsed, attempt));
            var left = until - clock.Elapsed;
            if (left <= TimeSpan.Zero) break; // the clock moved on since the loop's test: a negative delay throws
            await Task.Delay(left < _options.ProgressInterval ? left : _options.ProgressInterval, ct);
        }
    }

    private void Raise(RunEvent e)
    {
        // An observer's bug (a view, a progress printer) must not fail the student's step.
        try { Event?.Invoke(this, e); }
        catch (Exception ex) when (ex is not OperationCanceledException) { ObserverErrors.Add(ex); }
    }

    /// <summary>Exceptions thrown by <see cref="Event"/> handlers, kept rather than thrown into the run (tests assert it stays empty).</summary>
    public System.Collections.Concurrent.ConcurrentBag<Exception> ObserverErrors { get; } = [];

    /// <summary>Turns the executor's progress into events, synchronously (Progress&lt;T&gt; would post to a UI context).</summary>
    /// <summary>How long a background statement that neither waits nor ends runs before the lab goes on without it.</summary>
    internal static readonly TimeSpan SettledAfter = TimeSpan.FromSeconds(2);

    private sealed class ProgressRelay(LabRun run, LabTask task, Step step, StepKind kind, Stopwatch clock, Eventually? eventually, int attempt,
        Action? onWaitingForLock, Action? onRunning)
        : IProgress<StepProgress>
    {
        private bool _detached;

        public void Report(StepProgress value)
        {
            run.Raise(new StepWaiting(task, step, kind, value.Activity, clock.Elapsed, eventually is null ? null : eventually.Within - clock.Elapsed, attempt));
            // A background step lets the lab go on once its statement has settled into what it will do for long: waiting
            // (a lock, pg_sleep's timer; not a moment's IO) or computing for a while. Not at its first report: on a loaded server an UPDATE
            // may not have reached the row lock yet, and the next step's COMMIT would then come before the wait it shows.
            if (value.Activity is LockWait or Executing { WaitEventType: "Timeout" or "BufferPin" or "IPC" or "Extension" } || value.Elapsed >= SettledAfter)
                onRunning?.Invoke();
            if (_detached || onWaitingForLock is null || value.Activity is not LockWait wait) return;
            _detached = true;
            run.Raise(new StepDetached(task, step, kind, wait));
            onWaitingForLock();
        }
    }
}
