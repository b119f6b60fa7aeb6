using System.CommandLine;
using LabRunner.Postgres;
using LabRunner.Setup;

namespace LabRunner.Cli;

/// <summary>Options shared by every command that talks to PostgreSQL.</summary>
public static class CommonOptions
{
    public static readonly Option<string?> Connection = new("--connection", "-c")
    {
        Description = "Use an existing server: a postgresql:// URI or key=value string (default: PG* variables when set, else a sandbox).",
    };

    public static readonly Option<string?> PgBin = new("--pg-bin")
    {
        Description = "Directory holding initdb and pg_ctl for the sandbox (default: PATH, pg_config, /usr/lib/postgresql/*/bin).",
    };

    public static readonly Option<bool> KeepSandbox = new("--keep-sandbox")
    {
        Description = "Leave the sandbox cluster running afterwards and print how to connect to it.",
    };

    public static readonly Option<bool> UnconfinedShell = new("--unconfined-shell")
    {
        Description = "Where shell steps cannot be confined (no bubblewrap, or --connection), run them on this machine as your user anyway.",
    };

    public static readonly Option<bool> InstallMissing = new("--install-missing")
    {
        Description = "Install what is missing (PostgreSQL, the lab's tools) with the system's package manager, without asking (sudo -n when not root).",
    };

    /// <summary>How the one-line "not installed" message tells the user to let LabRunner install.</summary>
    public const string InstallConsent = "run again with --install-missing";

    public static void AddServerOptions(Command command)
    {
        command.Options.Add(Connection);
        command.Options.Add(PgBin);
        command.Options.Add(KeepSandbox);
        command.Options.Add(InstallMissing);
    }

    /// <summary>The server options as parsed.</summary>
    public static TargetOptions Target(ParseResult parse) => new()
    {
        Connection = parse.GetValue(Connection),
        PgBin = parse.GetValue(PgBin),
        KeepSandbox = parse.GetValue(KeepSandbox),
    };

    /// <summary>
    /// Before a server is opened: the sandbox's binaries and <paramref name="tools"/> are there, or installed now with
    /// --install-missing, or the command stops with the exact install command. Returns the target with the binaries found.
    /// </summary>
    public static async Task<TargetOptions> EnsureSetupAsync(ParseResult parse, TargetOptions target, IReadOnlyList<string> tools, HostSystem host, TextWriter errors, CancellationToken ct)
    {
        var needs = new SetupNeeds { PostgresServer = !target.NamesExistingServer, PgBin = target.PgBin, Tools = tools };
        var bins = await MachineSetup.EnsureAsync(host, needs, parse.GetValue(InstallMissing), InstallConsent, line =>
        {
            lock (errors) { errors.WriteLine(line); errors.Flush(); }
        }, ct);
        return bins is null ? target : target with { Binaries = bins };
    }
}
