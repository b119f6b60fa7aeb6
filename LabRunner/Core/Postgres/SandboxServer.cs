using System.Globalization;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// One server of a confined sandbox, as steps name it ("main", "replica"): a Debian cluster LabRunner or the lab made.
/// LabRunner reaches it over its Unix socket in the sandbox folder; shell steps reach it inside, where it listens on
/// the loopback port the lab expects. Its port and socket are read from the running server each time (a lab may
/// change the port and restart). Disposing a server view does nothing: the sandbox owns the servers.
/// </summary>
public sealed class SandboxServer : IServerTarget
{
    private readonly ConfinedSandbox _sandbox;

    internal SandboxServer(ConfinedSandbox sandbox, DebianCluster cluster, string database)
    {
        _sandbox = sandbox;
        Cluster = cluster;
        Database = database;
    }

    public string Name => Cluster.Name;
    public DebianCluster Cluster { get; }
    public string Description => Name == IServerTarget.MainServer ? "sandbox" : $"sandbox server {Name}";
    public bool IsSandbox => true;
    public string Version => _sandbox.Version;
    public int MajorVersion => Cluster.Version;
    public string Database { get; }
    public string? DataDirectory => Cluster.InsideDataDirectory;
    public string WorkDirectory => _sandbox.WorkDirectory;
    public string StepWorkDirectory => _sandbox.StepWorkDirectory;
    public IShellHost Shell => _sandbox.Shell;

    public NpgsqlConnectionStringBuilder ConnectionString(string? database = null)
    {
        var running = Cluster.Running()
            ?? throw new PostgresUnavailableException($"the sandbox server {Name} is not running (start it first, e.g. pg_ctlcluster {Cluster.Version} {Name} start)");
        return new NpgsqlConnectionStringBuilder
        {
            Host = running.SocketDirectory,
            Port = running.Port,
            Username = "postgres",
            Database = database ?? Database,
            // Each session is its own connection: pooling would hand a "new" session someone else's state.
            Pooling = false,
            Timeout = 30,
        };
    }

    /// <summary>As a shell step inside sees this server: Debian's socket directory, its port.</summary>
    public IReadOnlyDictionary<string, string> PgEnvironment(string? database = null) => new Dictionary<string, string>
    {
        ["PGHOST"] = "/var/run/postgresql",
        ["PGPORT"] = (Cluster.Running()?.Port ?? Cluster.ConfiguredPort).ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = "postgres",
        ["PGDATABASE"] = database ?? Database,
    };

    public IServerTarget Server(string? name) => _sandbox.Server(name);

    /// <summary>Inside the sandbox's network, where this server listens on the loopback port the lab expects.</summary>
    public Task<NpgsqlConnection> OpenOverTcpAsync(NpgsqlConnectionStringBuilder login, string host, CancellationToken ct) =>
        _sandbox.OpenInsideAsync(login, host, Cluster.Running()?.Port ?? Cluster.ConfiguredPort, ct);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
