using LabRunner.Labs;
using LabRunner.Postgres;

namespace LabRunner.Running;

/// <summary>The server a lab runs on, opened for that lab: its database, settings and version range.</summary>
public static class LabServers
{
    /// <summary>Opens the server a lab runs on: the named one, or a fresh sandbox with the lab's settings and database.</summary>
    public static async Task<IServerTarget> OpenAsync(TargetOptions options, ServerRequirements requirements, CancellationToken ct)
    {
        IServerTarget target = options.NamesExistingServer
            ? await ExistingServer.ConnectAsync(options.Connection, requirements.Database, ct)
            : await Sandbox.StartAsync(new SandboxOptions
            {
                BinDirectory = options.PgBin,
                Binaries = options.Binaries,
                Database = requirements.Database,
                Settings = WalArchiving.With(requirements.Settings, requirements.WalArchive),
                Keep = options.KeepSandbox,
                RootDirectory = options.SandboxRoot,
                CacheDirectory = options.CacheDirectory,
                Servers = requirements.Servers.Where(s => !s.MadeByLab).Select(s => new ServerSpec(s.Name, s.Port)).ToList(),
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
