using LabRunner.Execution;
using LabRunner.Labs;

namespace LabRunner.Tests.Running;

/// <summary>
/// Stands in for the executor to test LabRun's orchestration alone (order, retries, events, lock detaching):
/// each call answers from a script keyed by the command. Real execution is covered by the integration tests.
/// </summary>
internal sealed class ScriptedExecutor(Func<StepAction, int, IProgress<StepProgress>?, CancellationToken, Task<StepOutput>> script) : IStepExecutor
{
    private readonly Dictionary<string, int> _calls = [];
    public List<string> Commands { get; } = [];

    public Task<StepOutput> ExecuteAsync(StepAction action, Consent granted, TimeSpan? timeout, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        lock (_calls)
        {
            // The real executor's guard: LabRun must never hand over an action without the consent it needs.
            if (ConsentRules.Missing(action, granted) != Consent.None) throw new ShellNotAllowedException(action.Command);
            Commands.Add(action.Command);
            _calls[action.Command] = _calls.GetValueOrDefault(action.Command) + 1;
            return script(action, _calls[action.Command], progress, ct);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
