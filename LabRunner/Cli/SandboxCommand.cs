using System.CommandLine;
using LabRunner.Postgres;
using LabRunner.Setup;

namespace LabRunner.Cli;

/// <summary>`labrunner sandbox`: a scratch sandbox to play in, removed on Ctrl+C; `--clean` removes leftovers.</summary>
public static class SandboxCommand
{
    public static Command Create(TextWriter output, TextWriter errors, HostSystem host)
    {
        var database = new Option<string>("--database", "-d") { Description = "Database to create.", DefaultValueFactory = _ => "postgres" };
        var root = new Option<string?>("--sandbox-root") { Description = "Directory for sandboxes (default $TMPDIR/labrunner-USER).", Hidden = true };
        var clean = new Option<bool>("--clean") { Description = "List and remove leftover sandboxes (kept ones, and those of a LabRunner that died), then exit." };
        var command = new Command("sandbox", "Start a throwaway PostgreSQL sandbox, print how to connect, and remove it on Ctrl+C.");
        command.Options.Add(database);
        command.Options.Add(CommonOptions.PgBin);
        command.Options.Add(CommonOptions.KeepSandbox);
        command.Options.Add(clean);
        command.Options.Add(CommonOptions.InstallMissing);
        command.Options.Add(root);
        command.SetAction((parse, ct) => CliApp.Guard(errors, async () =>
        {
            if (parse.GetValue(clean)) return await CleanAsync(SandboxRoot.Ensure(parse.GetValue(root)), output);
            var setup = await CommonOptions.EnsureSetupAsync(parse, new TargetOptions { PgBin = parse.GetValue(CommonOptions.PgBin), HonourPgEnvironment = false },
                [], host, errors, ct);
            await using var sandbox = await Sandbox.StartAsync(new SandboxOptions
            {
                BinDirectory = parse.GetValue(CommonOptions.PgBin),
                Binaries = setup.Binaries,
                Database = parse.GetValue(database)!,
                Keep = parse.GetValue(CommonOptions.KeepSandbox),
                RootDirectory = parse.GetValue(root),
            }, ct);
            await output.WriteLineAsync($"PostgreSQL {sandbox.Version} sandbox ready in {sandbox.StartupTime.TotalMilliseconds:F0} ms: {sandbox.Directory}");
            await output.WriteLineAsync($"  {sandbox.PsqlCommand}");
            await output.WriteLineAsync("Press Ctrl+C to stop and remove it.");
            await output.FlushAsync(ct);
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { }
            await PrintKeptAsync(sandbox, output, parse.GetValue(CommonOptions.KeepSandbox));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>Removes every sandbox no running LabRunner owns (kept or abandoned), saying which; ones in use stay.</summary>
    private static async Task<int> CleanAsync(string root, TextWriter output)
    {
        var leftovers = SandboxJanitor.Leftovers(root);
        foreach (var leftover in leftovers)
        {
            if (leftover.State == LeftoverState.InUse)
            {
                await output.WriteLineAsync($"in use   {leftover.Directory} (its LabRunner is running)");
                continue;
            }
            await SandboxJanitor.RemoveAsync(leftover.Directory);
            await output.WriteLineAsync($"removed  {leftover.Directory} ({(leftover.State == LeftoverState.Kept ? "kept" : "abandoned")})");
        }
        if (leftovers.Count == 0) await output.WriteLineAsync($"no sandboxes in {root}");
        return ExitCodes.Ok;
    }

    public static async Task PrintKeptAsync(IServerTarget target, TextWriter output, bool keep)
    {
        if (!keep || target is not Sandbox sandbox) return;
        foreach (var line in sandbox.KeptInstructions) await output.WriteLineAsync(line);
    }
}
