using System.Diagnostics;
using System.Globalization;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>Steps that act on the sandbox's servers rather than in them: config edits, and servers made, started on a lab's directory, or stopped.</summary>
internal static class ServerSteps
{
    public static async Task<StepOutput> EditAsync(IServerTarget target, EditAction edit, IConfigEditor? editor, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (target is not Sandbox sandbox) return Done(clock, StepOutcome.Failed, $"not run: {edit.File} is a file of the sandbox's servers, and this lab runs on {target.Description}");
        string hostFile;
        try { hostFile = sandbox.HostPath(edit.File); }
        catch (UserErrorException e) { return Done(clock, StepOutcome.Failed, e.Message); }
        if (!File.Exists(hostFile)) return Done(clock, StepOutcome.Failed, $"{edit.File}: no such file in the sandbox");
        if (editor is not null)
        {
            var changed = await editor.EditAsync(new ConfigEditRequest(edit.File, hostFile, edit.Lines), ct);
            return Done(clock, StepOutcome.Completed, changed ? $"(edited {edit.File})" : $"({edit.File} left as it was)");
        }
        var before = await File.ReadAllTextAsync(hostFile, ct);
        await File.WriteAllTextAsync(hostFile, ConfigEdit.Apply(edit.File, before, edit.Lines), ct); // in place: keeps the owner
        return Done(clock, StepOutcome.Completed, $"(applied to {edit.File}:)\n{edit.Lines.TrimEnd()}");
    }

    public static async Task<StepOutput> RunAsync(IServerTarget target, ServerAction action, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (target is not Sandbox sandbox) return Done(clock, StepOutcome.Failed, $"not run: {action.Command} needs a sandbox, and this lab runs on {target.Description}");
        try
        {
            var spec = new ServerSpec(action.Name, action.Port);
            switch (action.Operation)
            {
                case ServerOperation.Create:
                    var made = await sandbox.CreateServerAsync(spec, ct);
                    return Done(clock, new ServerReady(action.Name, PortOf(made)));
                case ServerOperation.StartOn:
                    var directory = action.DataDirectory ?? throw new UserErrorException("no data directory to start the server on");
                    var started = await sandbox.StartServerOnAsync(spec, directory, ct);
                    return Done(clock, new ServerStartedOn(action.Name, directory, PortOf(started)));
                default:
                    await sandbox.StopServerAsync(action.Name, ct);
                    return Done(clock, new ServerStopped(action.Name));
            }
        }
        catch (Exception e) when (e is UserErrorException or PostgresUnavailableException)
        {
            return Done(clock, StepOutcome.Failed, e.Message);
        }
    }

    private static string PortOf(IServerTarget server) =>
        (server.PgEnvironment().TryGetValue("PGPORT", out var p) ? p : server.ConnectionString().Port.ToString(CultureInfo.InvariantCulture));

    /// <summary>Done, with what happened as data (a face words it in its language) and in English in the output.</summary>
    private static StepOutput Done(Stopwatch clock, ServerNote note)
    {
        var result = new ShellResult(0, note.Line + "\n") { Notes = [note] };
        return new StepOutput(result.Output, [result], StepOutcome.Completed, clock.Elapsed);
    }

    private static StepOutput Done(Stopwatch clock, StepOutcome outcome, string message)
    {
        var result = new ShellResult(outcome == StepOutcome.Completed ? 0 : 1, message + "\n");
        return new StepOutput(result.Output, [result], outcome, clock.Elapsed);
    }
}
