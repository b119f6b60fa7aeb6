using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// Throwaway PostgreSQL servers LabRunner owns for one run: `main` (the lab's database, its settings) and any others the
/// lab declares or makes while it runs. Where bubblewrap can run, the sandbox is confined (<see cref="ConfinedSandbox"/>):
/// servers and shell steps share private namespaces with the Debian paths, ports and tools a lab names. Elsewhere it is
/// one plain server on a private socket (<see cref="HostSandbox"/>), and shell steps need explicit consent.
/// Everything is stopped and removed on dispose, and by the next start after a kill -9.
/// </summary>
public abstract class Sandbox : IServerTarget
{
    public abstract string Directory { get; }
    /// <summary>The host folder holding main's Unix socket.</summary>
    public abstract string SocketDirectory { get; }
    /// <summary>main's port (on its socket; inside a confined sandbox also on its private loopback).</summary>
    public abstract int Port { get; }
    public string Description => "sandbox";
    public bool IsSandbox => true;
    public abstract string Version { get; }
    public abstract int MajorVersion { get; }
    public abstract string Database { get; }
    public abstract string? DataDirectory { get; }
    public abstract string WorkDirectory { get; }
    public virtual string StepWorkDirectory => WorkDirectory;
    public abstract IShellHost Shell { get; }
    /// <summary>How long start took (template copy + server start + database), for the benchmark and the header.</summary>
    public TimeSpan StartupTime { get; protected set; }
    /// <summary>The servers by name, main first, and whether each runs (for the TUI header).</summary>
    public abstract IReadOnlyList<ServerState> Servers { get; }

    public abstract NpgsqlConnectionStringBuilder ConnectionString(string? database = null);
    public abstract IReadOnlyDictionary<string, string> PgEnvironment(string? database = null);
    public abstract IServerTarget Server(string? name);

    /// <summary>A new empty cluster started on the next free port (what `pg_createcluster --start` makes).</summary>
    public abstract Task<IServerTarget> CreateServerAsync(ServerSpec spec, CancellationToken ct);
    /// <summary>A server started on a data directory the lab produced (a base backup, a copy, a standby), once recovery lets it accept connections.</summary>
    public abstract Task<IServerTarget> StartServerOnAsync(ServerSpec spec, string dataDirectory, CancellationToken ct);
    /// <summary>Stops a server (fast shutdown); its files stay.</summary>
    public abstract Task StopServerAsync(string name, CancellationToken ct);
    /// <summary>The host path of a path as the lab's commands see it.</summary>
    public abstract string HostPath(string path);

    public abstract string ServerLogTail(int lines = 20);
    /// <summary>The command a person types to reach main with psql.</summary>
    public abstract string PsqlCommand { get; }
    /// <summary>What to tell a user who kept the sandbox (--keep-sandbox): where it is, how to connect, how to remove it.</summary>
    public abstract IReadOnlyList<string> KeptInstructions { get; }
    public abstract ValueTask DisposeAsync();

    public static async Task<Sandbox> StartAsync(SandboxOptions options, CancellationToken ct)
    {
        var bins = options.Binaries ?? await PgBinaries.FindAsync(options.BinDirectory, ct);
        var root = SandboxRoot.Ensure(options.RootDirectory);
        await SandboxJanitor.CleanAbandonedAsync(root, ct);
        var cache = options.CacheDirectory ?? ConfinedSandbox.DefaultCacheDirectory();
        var confinement = options.Confine ? Confinement.Bubblewrap.Check(bins, cache) : Confinement.Bubblewrap.Off;
        if (confinement.Identity is { } identity)
        {
            try { return await ConfinedSandbox.StartAsync(options, bins, root, identity, ct); }
            catch (PostgresUnavailableException) when (confinement.Remembered)
            {
                // bwrap's success was remembered, not seen: probed again before anything else is blamed. Where it now
                // fails, the sandbox is the plain one, as it would have been without the cache.
                confinement = Confinement.Bubblewrap.Recheck(bins, cache);
                if (confinement.Identity is not null) throw;
            }
        }
        return await HostSandbox.StartAsync(options, bins, root, confinement.Problem!, ct);
    }

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

/// <summary>A sandbox server for the header: its name, port, and whether it runs (and accepts connections).</summary>
public sealed record ServerState(string Name, int Port, bool Running);

/// <summary>A server to make: its name (a Debian cluster name) and port (null = the next free one, from 5432).</summary>
public sealed record ServerSpec(string Name, int? Port = null);
