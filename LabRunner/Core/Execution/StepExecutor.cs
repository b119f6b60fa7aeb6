using System.Collections.Concurrent;
using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Execution;

/// <summary>
/// Runs step actions against one server like a student at psql and a terminal would: SQL in named sessions that
/// persist across calls (one connection each, opened lazily), calls for one session one at a time, different
/// sessions concurrently; shell steps with bash. Actions arrive final (variant chosen, {{variables}} filled in by
/// LabRun); an action needing a consent the call does not grant is refused (<see cref="ShellNotAllowedException"/>).
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

    public StepExecutor(IServerTarget target, ExecutionOptions? options = null)
    {
        _target = target;
        _options = options ?? new ExecutionOptions();
        _monitor = new ActivityMonitor(target, SessionServing);
    }

    public IReadOnlyCollection<SqlSession> Sessions => _sessions.Values.ToList();

    /// <summary>A session by name (on main), or "SERVER/NAME" for a session on another server.</summary>
    public SqlSession? FindSession(string name) => _sessions.GetValueOrDefault(name);

    public async Task<StepOutput> ExecuteAsync(StepAction action, Consent granted, TimeSpan? timeout, IProgress<StepProgress>? progress,
        CancellationToken ct) =>
        ScrubbedOutput.Of(await RunAsync(action, granted, timeout, progress, ct));

    private async Task<StepOutput> RunAsync(StepAction action, Consent granted, TimeSpan? timeout, IProgress<StepProgress>? progress,
        CancellationToken ct)
    {
        if (ConsentRules.Missing(action, granted) != Consent.None) throw new ShellNotAllowedException(action.Command);
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _shutdown.Token);
        ct = linked.Token;
        var limit = timeout ?? _options.StatementTimeout;
        switch (action)
        {
            case SqlAction sql:
                return await RunSqlAsync(sql, limit, progress, ct);
            case ShellAction shell:
                var shellServer = _target.Server(shell.Server);
                if (!shellServer.Shell.IsConfined && !granted.HasFlag(Consent.Unconfined))
                    throw new ShellNotConfinedException(shellServer.Shell.NotConfinedReason ?? "it cannot be confined here");
                return await ShellStepRunner.RunAsync(shellServer, shell.Script, shell.Input, limit, _options.MaxKeptOutputLines, progress, ct);
            case EditAction edit:
                return await ServerSteps.EditAsync(_target, edit, _options.Editor, ct);
            case ServerAction server:
                return await ServerSteps.RunAsync(_target, server, ct);
            case FileAction file:
                return await FileStepWriter.WriteAsync(_target, file, ct);
            case ManualAction:
                return new StepOutput("", [], StepOutcome.Completed, TimeSpan.Zero);
            default:
                throw new ArgumentException($"Unknown step action {action.GetType().Name}", nameof(action));
        }
    }

    private async Task<StepOutput> RunSqlAsync(SqlAction action, TimeSpan timeout, IProgress<StepProgress>? progress, CancellationToken ct)
    {
        var server = _target.Server(action.Server);
        // Sessions are per server: "terminal2" on the replica is not "terminal2" on main.
        var key = action.Server is null or IServerTarget.MainServer ? action.Session : $"{action.Server}/{action.Session}";
        var session = _sessions.GetOrAdd(key, _ => new SqlSession(action.Session, server));
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
            await session.UseLoginAsync(action.Login);
            var database = action.Database ?? session.Database ?? server.Database;
            var runner = new SqlStepRunner(server, _options, _monitor, session, database, action.Database is not null, timeout, progress, ct);
            try
            {
                return await runner.RunAsync(action.Sql);
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

    /// <summary>The lab's session a server process serves, if any (to name who holds a lock).</summary>
    private string? SessionServing(int pid) => _sessions.Values.FirstOrDefault(s => s.BackendPid == pid)?.Name;

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
