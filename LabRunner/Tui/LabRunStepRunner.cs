using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;

namespace LabRunner.Tui;

/// <summary>
/// The real engine behind the screen: a <see cref="LabRun"/> on a server target with a step executor. Restart throws the
/// server away (a sandbox is recreated, the lab's setup runs again). A shell step runs only when its request carries the
/// student's consent (the screen asks first).
/// </summary>
public sealed class LabRunStepRunner : IStepRunner
{
    private readonly Lab _lab;
    private readonly Func<CancellationToken, Task<IServerTarget>> _openTarget;
    private readonly Func<IServerTarget, ExecutionOptions, IStepExecutor> _executorFor;
    private readonly LabRunOptions _options;
    private IServerTarget? _target;
    private IStepExecutor? _executor;
    private LabRun? _run;

    private LabRunStepRunner(Lab lab, Func<CancellationToken, Task<IServerTarget>> openTarget,
        Func<IServerTarget, ExecutionOptions, IStepExecutor> executorFor, LabRunOptions options)
    {
        _lab = lab;
        _openTarget = openTarget;
        _executorFor = executorFor;
        _options = options;
    }

    public static async Task<LabRunStepRunner> StartAsync(Lab lab, Func<CancellationToken, Task<IServerTarget>> openTarget,
        Func<IServerTarget, ExecutionOptions, IStepExecutor> executorFor, LabRunOptions? options, CancellationToken ct)
    {
        var runner = new LabRunStepRunner(lab, openTarget, executorFor, options ?? new LabRunOptions());
        try
        {
            await runner.OpenAsync(ct);
            return runner;
        }
        catch
        {
            await runner.DisposeAsync();
            throw;
        }
    }

    public IServerTarget Target => _target ?? throw new InvalidOperationException("not started");
    private LabRun Run => _run ?? throw new InvalidOperationException("not started");

    public ServerInfo Server => new(Target.Description, Target.IsSandbox, Target.Version, Target.MajorVersion, Target.Database)
    {
        Running = Target is Sandbox sandbox ? sandbox.Servers.Where(s => s.Running).Select(s => $"{s.Name}:{s.Port}").ToList() : [],
    };

    public StepAction ActionFor(Step step) => Run.ActionFor(step);

    public async Task<StepRunResult> RunAsync(StepRunRequest request, IProgress<RunActivity> progress, CancellationToken ct)
    {
        var run = Run;
        void OnEvent(object? sender, RunEvent e)
        {
            if (e is StepWaiting w && ReferenceEquals(w.Step, request.Step))
                progress.Report(new RunActivity(w.Reason, w.Remaining));
        }
        run.Event += OnEvent;
        try
        {
            var result = await run.RunStepAsync(request.Task, request.Step, request.Action.Command,
                request.AllowShell ? Consent.Shell : Consent.None, ct);
            // The step's whole time (all attempts of an eventually-check), not the last attempt's.
            var output = (result.Output ?? new StepOutput("", [], StepOutcome.Completed, result.Duration)) with { Duration = result.Duration };
            return new StepRunResult(output, result.Verdict);
        }
        finally
        {
            run.Event -= OnEvent;
        }
    }

    public async Task RestartAsync(CancellationToken ct)
    {
        await CloseAsync();
        await OpenAsync(ct);
    }

    private async Task OpenAsync(CancellationToken ct)
    {
        _target = await _openTarget(ct);
        _executor = _executorFor(_target, _options.Execution);
        _run = new LabRun(_lab, _target, _executor, _options);
        await _run.StartAsync(ct);
    }

    private async Task CloseAsync()
    {
        _run = null;
        if (_executor is not null) await _executor.DisposeAsync();
        _executor = null;
        if (_target is not null) await _target.DisposeAsync();
        _target = null;
    }

    public ValueTask DisposeAsync() => new(CloseAsync());
}
