using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Grading;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;

namespace LabRunner.Tui;

/// <summary>
/// The real engine behind the screen: a <see cref="LabRun"/> on a server target with a step executor. Restart throws the
/// server away (a sandbox is recreated, the lab's setup runs again). A shell step runs only when its request carries the
/// student's consent (the screen asks first). The server, executor and run are swapped as one (<see cref="Engine"/>), so
/// a caller sees the old one or the new one, never half of each; between the two, asking throws (the
/// <see cref="RunController"/> does not ask then).
/// </summary>
public sealed class LabRunStepRunner : IStepRunner
{
    private readonly Lab _lab;
    private readonly Func<CancellationToken, Task<IServerTarget>> _openTarget;
    private readonly Func<IServerTarget, ExecutionOptions, IStepExecutor> _executorFor;
    private LabRunOptions _options;
    private volatile Engine? _engine;
    private readonly CancellationTokenSource _life = new(); // cancelled on dispose: a start in flight stops
    private Task _opening = Task.CompletedTask;
    private int _disposed;

    private sealed record Engine(IServerTarget Target, IStepExecutor Executor, LabRun Run);

    private LabRunStepRunner(Lab lab, Func<CancellationToken, Task<IServerTarget>> openTarget,
        Func<IServerTarget, ExecutionOptions, IStepExecutor> executorFor, LabRunOptions options)
    {
        _lab = lab;
        _openTarget = openTarget;
        _executorFor = executorFor;
        _options = options;
    }

    /// <summary>The engine, its server not started yet (<see cref="StartAsync(Consent, CancellationToken)"/> does it).</summary>
    public static LabRunStepRunner Create(Lab lab, Func<CancellationToken, Task<IServerTarget>> openTarget,
        Func<IServerTarget, ExecutionOptions, IStepExecutor> executorFor, LabRunOptions? options)
    {
        options ??= new LabRunOptions();
        // Meta-command listings in the words of the psql the lab's panels come from.
        options = options with { Execution = options.Execution with { PsqlLanguage = options.Execution.PsqlLanguage ?? PsqlLanguage.Of(lab) } };
        return new LabRunStepRunner(lab, openTarget, executorFor, options);
    }

    /// <summary>The engine with its server started and the lab's setup run.</summary>
    public static async Task<LabRunStepRunner> StartAsync(Lab lab, Func<CancellationToken, Task<IServerTarget>> openTarget,
        Func<IServerTarget, ExecutionOptions, IStepExecutor> executorFor, LabRunOptions? options, CancellationToken ct)
    {
        var runner = Create(lab, openTarget, executorFor, options);
        try
        {
            await runner.StartAsync(Consent.None, ct);
            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the server and runs the setup. It may still be running when the runner is disposed (the student quit while
    /// the server started): disposing stops it and closes whatever it opened.
    /// </summary>
    public Task StartAsync(Consent setupConsent, CancellationToken ct)
    {
        _options = _options with { SetupConsent = _options.SetupConsent | setupConsent };
        return RestartAsync(ct);
    }

    private Engine Current => _engine ?? throw new InvalidOperationException("the lab's server is not running (it is being restarted)");

    public IServerTarget Target => Current.Target;

    public ServerInfo Server
    {
        get
        {
            var target = Current.Target;
            return new(target.Description, target.IsSandbox, target.Version, target.MajorVersion, target.Database)
            {
                Running = target is Sandbox sandbox ? sandbox.Servers.Where(s => s.Running).Select(s => $"{s.Name}:{s.Port}").ToList() : [],
                Connection = ConnectionOf(target),
            };
        }
    }

    public StepAction ActionFor(Step step) => Current.Run.ActionFor(step);

    public VerdictReason? WhyNotHere(StepAction action) => StepPlacement.WhyNotHere(Current.Target, action, _options.Consent | ConsentRules.AllowShell);

    private static List<KeyValuePair<string, string>> ConnectionOf(IServerTarget target)
    {
        var env = target.PgEnvironment();
        var facts = new List<KeyValuePair<string, string>>();
        void Add(string name, string? value) { if (!string.IsNullOrEmpty(value)) facts.Add(new(name, value)); }
        Add("socket", env.GetValueOrDefault("PGHOST"));
        Add("port", env.GetValueOrDefault("PGPORT"));
        Add("data_directory", target.DataDirectory);
        Add("user", env.GetValueOrDefault("PGUSER"));
        Add("database", target.Database);
        Add("version", target.Version);
        return facts;
    }

    public async Task<StepRunResult> RunAsync(StepRunRequest request, IProgress<RunActivity> progress, CancellationToken ct)
    {
        var run = Current.Run;
        // The last report: a new sample keeps what the step waits for (the last check's live output stays on screen).
        var last = new RunActivity();
        void OnEvent(object? sender, RunEvent e)
        {
            if (!ReferenceEquals(e.Step, request.Step)) return;
            if (e is StepSampled sampled) progress.Report(last = last with { Series = sampled.Series });
            else if (e is StepWaiting w) progress.Report(last = new RunActivity(w.Reason, w.Remaining) { Series = last.Series });
        }
        run.Event += OnEvent;
        try
        {
            var result = await run.RunStepAsync(request.Task, request.Step, request.Action.Command,
                request.AllowShell ? ConsentRules.AllowShell : Consent.None, ct);
            // The step's whole time (all attempts of an eventually-check), not the last attempt's.
            var output = (result.Output ?? new StepOutput("", [], StepOutcome.Completed, result.Duration)) with { Duration = result.Duration };
            return new StepRunResult(output, result.Verdict) { Series = result.Series };
        }
        finally
        {
            run.Event -= OnEvent;
        }
    }

    /// <summary>The checks through the grader itself (read-only connection, transaction and statement filter), on this sandbox.</summary>
    public async Task<IReadOnlyList<CheckOutcome>> CheckAsync(CancellationToken ct)
    {
        var target = Current.Target;
        var grades = await Grader.GradeAsync(_lab, [new GradeTarget("student", target.ConnectionString().ConnectionString)], new GradeOptions { Filter = LabRunFilter.All, Parallel = 1 }, null, ct);
        return grades[0].Summary.Entries
            .Select(e => new CheckOutcome(_lab.Tasks.FirstOrDefault(t => t.Id == e.Task)?.Title ?? e.Task, e.Title, e.Verdict)).ToList();
    }

    public async Task RestartAsync(CancellationToken ct)
    {
        var old = Interlocked.Exchange(ref _engine, null);
        if (old is not null) await CloseAsync(old);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct, _life.Token);
        var opening = OpenAsync(stop.Token);
        _opening = opening;
        var engine = await opening;
        _engine = engine;
        // Disposed while the server came up: the engine is closed here, not left running.
        if (Volatile.Read(ref _disposed) == 1 && Interlocked.Exchange(ref _engine, null) is { } late)
        {
            await CloseAsync(late);
            throw new OperationCanceledException("the lab was closed while its server started");
        }
    }

    private async Task<Engine> OpenAsync(CancellationToken ct)
    {
        var target = await _openTarget(ct);
        IStepExecutor? executor = null;
        try
        {
            executor = _executorFor(target, _options.Execution);
            var run = new LabRun(_lab, target, executor, _options);
            await run.StartAsync(ct);
            return new Engine(target, executor, run);
        }
        catch
        {
            // A failing setup must not leave a server behind.
            if (executor is not null) await executor.DisposeAsync();
            await target.DisposeAsync();
            throw;
        }
    }

    private static async Task CloseAsync(Engine engine)
    {
        await engine.Executor.DisposeAsync();
        await engine.Target.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) await _life.CancelAsync();
        // A start in flight ends (cancelled, or done just now); what it opened it closes itself, or it is closed below.
        try { await _opening; }
        catch (Exception) { /* its failure was the start's to report */ }
        if (Interlocked.Exchange(ref _engine, null) is { } engine) await CloseAsync(engine);
    }
}
