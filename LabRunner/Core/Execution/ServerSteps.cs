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
        if (target is not Sandbox sandbox) return Done(clock, StepOutcome.Failed, new EditNeedsSandbox(edit.File, target.Description));
        string hostFile;
        try { hostFile = sandbox.HostPath(edit.File); }
        catch (UserErrorException e) { return Done(clock, StepOutcome.Failed, e.Message); }
        if (!File.Exists(hostFile)) return Done(clock, StepOutcome.Failed, new NoSuchSandboxFile(edit.File));
        if (editor is not null)
        {
            var changed = await editor.EditAsync(new ConfigEditRequest(edit.File, hostFile, edit.Lines), ct);
            return Done(clock, StepOutcome.Completed, changed ? new ConfigEdited(edit.File) : new ConfigLeftAsItWas(edit.File));
        }
        var before = await File.ReadAllTextAsync(hostFile, ct);
        await File.WriteAllTextAsync(hostFile, ConfigEdit.Apply(edit.File, before, edit.Lines), ct); // in place: keeps the owner
        return Done(clock, StepOutcome.Completed, new ConfigApplied(edit.File, edit.Lines));
    }

    public static async Task<StepOutput> RunAsync(IServerTarget target, ServerAction action, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        if (target is not Sandbox sandbox) return Done(clock, StepOutcome.Failed, new ServerStepNeedsSandbox(action.Command, target.Description));
        try
        {
            var spec = new ServerSpec(action.Name, action.Port);
            switch (action.Operation)
            {
                case ServerOperation.Create:
                    var made = await sandbox.CreateServerAsync(spec, ct);
                    return Done(clock, new ServerReady(action.Name, PortOf(made)));
                case ServerOperation.StartOn:
                    if (action.DataDirectory is not { } directory) return Done(clock, StepOutcome.Failed, new NoDataDirectoryGiven());
                    var started = await sandbox.StartServerOnAsync(spec, directory, ct);
                    return Done(clock, new ServerStartedOn(action.Name, directory, PortOf(started)));
                default:
                    await sandbox.StopServerAsync(action.Name, ct);
                    return Done(clock, new ServerStopped(action.Name));
            }
        }
        catch (SandboxServerException e)
        {
            return Done(clock, StepOutcome.Failed, new ServerRefused(Refusal(e.Problem), e.Subject, e.Message));
        }
        catch (Exception e) when (e is UserErrorException or PostgresUnavailableException)
        {
            return Done(clock, StepOutcome.Failed, e.Message); // the server's own words (a log tail) or the machine's
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

    private static ServerRefusal Refusal(SandboxServerProblem problem) => problem switch
    {
        SandboxServerProblem.TarFormatBackup => ServerRefusal.TarFormatBackup,
        SandboxServerProblem.NotADataDirectory => ServerRefusal.NotADataDirectory,
        SandboxServerProblem.BadServerName => ServerRefusal.BadServerName,
        _ => ServerRefusal.ServerExists,
    };

    /// <summary>Ended, with what happened as data and in English in the output (a failure exits 1).</summary>
    private static StepOutput Done(Stopwatch clock, StepOutcome outcome, ServerStepNote note)
    {
        var result = new ShellResult(outcome == StepOutcome.Completed ? 0 : 1, note.Line + "\n") { Notes = [note] };
        return new StepOutput(result.Output, [result], outcome, clock.Elapsed);
    }

    private static StepOutput Done(Stopwatch clock, StepOutcome outcome, string message)
    {
        var result = new ShellResult(outcome == StepOutcome.Completed ? 0 : 1, message + "\n");
        return new StepOutput(result.Output, [result], outcome, clock.Elapsed);
    }
}
