using System.CommandLine;

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

    public static void AddServerOptions(Command command)
    {
        command.Options.Add(Connection);
        command.Options.Add(PgBin);
        command.Options.Add(KeepSandbox);
    }
}
