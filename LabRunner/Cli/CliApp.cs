using System.CommandLine;
using System.Runtime.InteropServices;
using LabRunner.Postgres;
using LabRunner.Setup;

namespace LabRunner.Cli;

/// <summary>The command line: `labrunner [LAB]` opens the TUI; subcommands check, validate, list, new, import, grade.</summary>
public static class CliApp
{
    /// <param name="host">The machine, as setup sees it (tests give a PATH of fakes); null = this one.</param>
    /// <param name="exitAfterSignal">
    /// The process entry point's last resort: when a signal asked to stop and the command has not finished this long after
    /// (a TUI whose terminal went away may never leave its loop), the process exits with 130. Null (tests) never exits.
    /// </param>
    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, HostSystem? host = null,
        TimeSpan? exitAfterSignal = null, TextReader? stdin = null)
    {
        // Everything the commands print goes through these: known secrets never reach the terminal or a log.
        using var output = new ScrubbingWriter(stdout ?? Console.Out);
        using var errors = new ScrubbingWriter(stderr ?? Console.Error);
        var root = BuildRoot(output, errors, host ?? HostSystem.Current(), stdin);
        var parse = root.Parse(args);
        // Ctrl+C, SIGTERM and SIGHUP become cancellation: commands unwind and dispose their sandbox (no orphaned postgres).
        using var shutdown = new CancellationTokenSource();
        using var signals = new DisposableList(
            new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
                .Select(sig => PosixSignalRegistration.Create(sig, context => { context.Cancel = true; shutdown.Cancel(); })));
        using var finished = new CancellationTokenSource();
        using var lastResort = exitAfterSignal is { } grace
            ? shutdown.Token.Register(() => _ = ExitIfStuckAsync(grace, finished.Token))
            : default;
        var config = new InvocationConfiguration { Output = output, Error = errors, ProcessTerminationTimeout = null };
        try
        {
            return await parse.InvokeAsync(config, shutdown.Token);
        }
        catch (System.Data.Common.DbException e)
        {
            // A refusal the command did not foresee still reads as the server's one line, never as a stack trace.
            await errors.WriteLineAsync($"labrunner: the server refused: {e.Message}");
            return ExitCodes.UsageOrEnvironment;
        }
        catch (OperationCanceledException)
        {
            SayInterrupted(errors);
            return ExitCodes.Interrupted;
        }
        finally
        {
            await finished.CancelAsync();
        }
    }

    /// <summary>
    /// The last line of an interrupted command. After SIGHUP the terminal is gone and writing to it fails (EIO): that
    /// must not turn the orderly way out into an unhandled exception (a SIGABRT and a core dump, after the sandbox was
    /// removed); there is nobody left to read the line anyway.
    /// </summary>
    private static void SayInterrupted(TextWriter errors)
    {
        try { errors.WriteLine("labrunner: interrupted"); }
        catch (IOException) { /* the terminal has gone */ }
    }

    private static async Task ExitIfStuckAsync(TimeSpan grace, CancellationToken finished)
    {
        try { await Task.Delay(grace, finished); }
        catch (OperationCanceledException) { return; }
        Environment.Exit(ExitCodes.Interrupted);
    }

    /// <param name="stdin">Where `check --accept` reads its answers (tests); null = the terminal's keys.</param>
    public static RootCommand BuildRoot(TextWriter output, TextWriter errors, HostSystem host, TextReader? stdin = null)
    {
        var root = new RootCommand("LabRunner: run and check PostgreSQL course labs.");
        root.Subcommands.Add(SandboxCommand.Create(output, errors, host));
        root.Subcommands.Add(ValidateCommand.Create(output, errors));
        root.Subcommands.Add(ListCommand.Create(output, errors));
        root.Subcommands.Add(NewCommand.Create(output, errors));
        root.Subcommands.Add(CheckCommand.Create(output, errors, host, stdin));
        root.Subcommands.Add(GradeCommand.Create(output, errors));
        root.Subcommands.Add(ClassCommand.Create(output, errors));
        root.Subcommands.Add(ImportCommand.Create(output, errors));
        TuiCommand.AddTo(root, output, errors, host);
        return root;
    }

    /// <summary>Runs a command body, turning user and environment mistakes into one clear line and exit code 2 (never a stack trace).</summary>
    public static async Task<int> Guard(TextWriter errors, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (MissingSoftwareException e)
        {
            await errors.WriteLineAsync($"labrunner: {e.Message}");
            return ExitCodes.UsageOrEnvironment;
        }
        catch (PostgresUnavailableException e)
        {
            await errors.WriteLineAsync($"labrunner: {e.Message}");
            return ExitCodes.UsageOrEnvironment;
        }
        catch (UserErrorException e)
        {
            await errors.WriteLineAsync($"labrunner: {e.Message}");
            return ExitCodes.UsageOrEnvironment;
        }
        catch (OperationCanceledException)
        {
            SayInterrupted(errors);
            return ExitCodes.Interrupted;
        }
    }

    private sealed class DisposableList(IEnumerable<IDisposable> items) : IDisposable
    {
        private readonly List<IDisposable> _items = items.ToList();
        public void Dispose() => _items.ForEach(i => i.Dispose());
    }
}
