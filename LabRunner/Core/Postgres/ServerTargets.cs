using LabRunner.Labs;

namespace LabRunner.Postgres;

public static class ServerTargets
{
    /// <summary>True when the user named a server, by option or by PG* variables.</summary>
    public static bool NamesExistingServer(TargetOptions options) =>
        !string.IsNullOrWhiteSpace(options.Connection)
        || (options.HonourPgEnvironment && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("PGHOST")));

    /// <summary>Opens the server a lab runs on: the named one, or a fresh sandbox with the lab's settings and database.</summary>
    public static async Task<IServerTarget> OpenAsync(TargetOptions options, ServerRequirements requirements, CancellationToken ct)
    {
        IServerTarget target = NamesExistingServer(options)
            ? await ExistingServer.ConnectAsync(options.Connection, requirements.Database, ct)
            : await Sandbox.StartAsync(new SandboxOptions
            {
                BinDirectory = options.PgBin,
                Database = requirements.Database,
                Settings = requirements.Settings,
                Keep = options.KeepSandbox,
                RootDirectory = options.SandboxRoot,
                CacheDirectory = options.CacheDirectory,
            }, ct);
        if (!requirements.Versions.Contains(target.MajorVersion))
        {
            var version = target.Version;
            await target.DisposeAsync();
            throw new PostgresUnavailableException(
                $"This lab needs PostgreSQL {requirements.Versions}, and the server is {version}.");
        }
        return target;
    }
}
