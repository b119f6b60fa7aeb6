using System.Collections.Concurrent;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// Runs step actions against one server like a student at psql and a terminal would: SQL in named sessions that
/// persist across calls (one connection each, opened lazily), calls for one session one at a time, different
/// sessions concurrently; shell steps with bash. {{variables}} are substituted in both.
/// A cancelled or timed-out step returns its partial output with <see cref="StepOutcome.Cancelled"/> /
/// <see cref="StepOutcome.TimedOut"/> (it does not throw); its session stays usable.
/// </summary>
public sealed class StepExecutor : IStepExecutor
{
    private readonly IServerTarget _target;
    private readonly ExecutionOptions _options;
    private readonly ConcurrentDictionary<string, SqlSession> _sessions = new(StringComparer.Ordinal);
    private readonly ActivityMonitor _monitor;
    // Disposing cancels running steps first: a step waiting on a lock must not hold up closing the lab.
    private readonly CancellationTokenSource _shutdown = new();

    public StepExecutor(IServerTarget target, IReadOnlyDictionary<string, string> variables, ExecutionOptions options)
    {
        _target = target;
        _options = options;
        _monitor = new ActivityMonitor(target);
        Variables = Execution.Variables.For(target, variables);
    }

    /// <summary>Every variable a command may use: the built-ins (data_directory, workdir, database, pg_version, pg_major,
    /// host, port, user) and the lab's own.</summary>
    public IReadOnlyDictionary<string, string> Variables { get; }

    public IReadOnlyCollection<SqlSession> Sessions => _sessions.Values.ToList();

    public SqlSession? FindSession(string name) => _sessions.GetValueOrDefault(name);

    public async Task<StepOutput> ExecuteAsync(StepAction action, TimeSpan? timeout, IProgress<StepProgress>? progress, CancellationToken ct) =>
        ScrubbedOutput.Of(await RunAsync(action, timeout, progress, ct));

    private async Task<StepOutput> RunAsync(StepAction action, TimeSpan? timeout, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        ct = linked.Token;
        var limit = timeout ?? _options.StatementTimeout;
        switch (action)
        {
            case SqlAction sql:
                return await RunSqlAsync(sql, limit, progress, ct);
            case ShellAction shell:
                if (!_options.AllowShell) throw new ShellNotAllowedException(shell.Script);
                if (Execution.Variables.Unknown(shell.Script, Variables) is { Count: > 0 } unknown)
                    return NotRun($"not run: the command uses {string.Join(", ", unknown.Select(n => "{{" + n + "}}"))}, which has no value on this server " +
                                  "(data_directory is known only when the role may read it, e.g. a superuser or pg_read_all_settings member)");
                return await ShellStepRunner.RunAsync(_target, Execution.Variables.Substitute(shell.Script, Variables), limit,
                    _options.MaxKeptOutputLines, progress, ct);
            default:
                throw new ArgumentException($"Unknown step action {action.GetType().Name}", nameof(action));
        }
    }

    private static StepOutput NotRun(string message)
    {
        var result = new ShellResult(-1, message + "\n");
        return new StepOutput(result.Output, [result], StepOutcome.Failed, TimeSpan.Zero);
    }

    private async Task<StepOutput> RunSqlAsync(SqlAction action, TimeSpan timeout, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        var session = _sessions.GetOrAdd(action.Session, name => new SqlSession(name, _target));
        try
        {
            await session.Gate.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return new StepOutput("", [], StepOutcome.Cancelled, TimeSpan.Zero);
        }
        try
        {
            var database = action.Database ?? session.Database ?? _target.Database;
            var runner = new SqlStepRunner(_target, _options, _monitor, session, database, action.Database is not null, timeout, progress, ct);
            try
            {
                return await runner.RunAsync(Execution.Variables.Substitute(action.Sql, Variables));
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return runner.Partial(StepOutcome.Cancelled);
            }
        }
        finally
        {
            session.Gate.Release();
        }
    }

    /// <summary>Closes a session (its connection); the next step naming it starts afresh.</summary>
    public async Task CloseSessionAsync(string name)
    {
        if (_sessions.TryRemove(name, out var session))
        {
            await session.Gate.WaitAsync();
            await session.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_shutdown.IsCancellationRequested) return;
        await _shutdown.CancelAsync();
        foreach (var name in _sessions.Keys.ToList()) await CloseSessionAsync(name);
        await _monitor.DisposeAsync();
    }
}
