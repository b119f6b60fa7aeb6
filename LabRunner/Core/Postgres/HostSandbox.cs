using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// The sandbox where it cannot be confined (no bubblewrap, not Debian's layout): one plain server copied from a cached
/// initdb template, listening only on a Unix socket in its own private folder, removed on dispose (and by the next
/// start if this process is killed). Shell steps run on the host, and only with explicit consent (--unconfined-shell).
/// </summary>
internal sealed class HostSandbox : Sandbox
{
    private readonly PgBinaries _bins;
    private readonly ClusterOwner _owner;
    private readonly bool _keep;
    private string? _template;
    private int _disposed;

    private readonly string _whyNotConfined;
    private string _version = "";

    public override string Directory { get; }
    public override string SocketDirectory => Path.Combine(Directory, "sock");
    public string LogFile => Path.Combine(Directory, "log", "server.log");
    public override int Port { get; }
    public override string Version => _version;
    public override int MajorVersion => _bins.MajorVersion;
    public override string Database { get; }
    public override string? DataDirectory => Path.Combine(Directory, "data");
    public override string WorkDirectory => Path.Combine(Directory, "work");
    public override IShellHost Shell => new HostShell(WorkDirectory, _whyNotConfined);
    public override IReadOnlyList<ServerState> Servers => [new(IServerTarget.MainServer, Port, true)];

    private HostSandbox(PgBinaries bins, ClusterOwner owner, string directory, int port, string database, bool keep, string whyNotConfined)
    {
        _whyNotConfined = whyNotConfined;
        _bins = bins;
        _owner = owner;
        Directory = directory;
        Port = port;
        Database = database;
        _keep = keep;
        // Safety net for paths that skip dispose (Environment.Exit); kill -9 is handled by the next start's janitor.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public static async Task<Sandbox> StartAsync(SandboxOptions options, PgBinaries bins, string root, string whyNotConfined, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var owner = await ClusterOwner.DetectAsync(ct);
        if (options.Servers.Count > 0)
            throw new UserErrorException($"this lab needs servers besides main ({string.Join(", ", options.Servers.Select(s => s.Name))}), which need a confined sandbox, and {whyNotConfined}; {Confinement.Bubblewrap.InstallHint}");

        var template = await ClusterTemplate.EnsureAsync(bins, owner, options.CacheDirectory ?? ClusterTemplate.DefaultCacheDirectory(), root, options.Database, ct);
        var dir = Path.Combine(root, $"{SandboxFolder.Prefix}{Guid.NewGuid().ToString("N")[..10]}");
        // Private: only its user (postgres, when we are root) and root reach the socket inside.
        System.IO.Directory.CreateDirectory(dir, (UnixFileMode)0b111_000_000);
        if (owner.RunAsUser is not null && Confinement.OsIdentity.Detect() is { } id) Confinement.Posix.Chown(dir, id.PostgresUid, id.PostgresGid);
        SandboxLease.Write(dir);
        var sandbox = new HostSandbox(bins, owner, dir, FreePort(), options.Database, options.Keep, whyNotConfined);
        try
        {
            await sandbox.CreateAsync(template, options.Settings, ct);
            sandbox.StartupTime = clock.Elapsed;
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    private async Task CreateAsync(string template, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        await _owner.CreateDirectoryAsync(SocketDirectory, "0700", ct);
        await _owner.CreateDirectoryAsync(Path.GetDirectoryName(LogFile)!, "0700", ct);
        System.IO.Directory.CreateDirectory(WorkDirectory);
        _template = template;
        // A spare of the same template, brought back to it, is faster than a copy; else the copy.
        if (!SpareClusters.TryClaim(Path.GetDirectoryName(Directory)!, template, DataDirectory!, _owner))
            await ClusterTemplate.CopyAsync(template, DataDirectory!, ct);
        if (settings.Count > 0)
        {
            await File.AppendAllTextAsync(Path.Combine(DataDirectory!, "postgresql.conf"), "\n# lab settings\n" + SandboxSettings.Lines(settings, WorkDirectory), ct);
        }
        // While the server starts (this process only waits), Npgsql's own start-up work is done on the side.
        var warmUp = Task.Run(WarmUpNpgsql, CancellationToken.None);
        await ClusterProcess.StartAsync(_bins, _owner, DataDirectory!, LogFile, Port, SocketDirectory, ct);
        await warmUp;
        _version = _bins.Version; // the server we just started is these binaries' (server_version adds only the distribution's suffix)
    }

    public override IServerTarget Server(string? name) => name is null || name == IServerTarget.MainServer
        ? this
        : throw NeedsConfinement($"server \"{name}\"");

    public override Task<IServerTarget> CreateServerAsync(ServerSpec spec, CancellationToken ct) => throw NeedsConfinement($"a new server \"{spec.Name}\"");
    public override Task<IServerTarget> StartServerOnAsync(ServerSpec spec, string dataDirectory, CancellationToken ct) => throw NeedsConfinement($"a server on {dataDirectory}");
    public override Task StopServerAsync(string name, CancellationToken ct) => throw NeedsConfinement($"server \"{name}\"");
    public override string HostPath(string path) => throw NeedsConfinement(path);

    private UserErrorException NeedsConfinement(string what) =>
        new($"{what} needs a confined sandbox, and {_whyNotConfined}; {Confinement.Bubblewrap.InstallHint}");

    /// <summary>Loads and initialises the client side of a first connection (types, data source, command) without connecting.</summary>
    private void WarmUpNpgsql()
    {
        var builder = ConnectionString();
        builder.ApplicationName = "psql";
        builder.IncludeErrorDetail = true;
        using var conn = new NpgsqlConnection(builder.ConnectionString);
        using var cmd = new NpgsqlCommand("SELECT 1", conn) { AllResultTypesAreUnknown = true };
    }

    public override string ServerLogTail(int lines = 20) =>
        File.Exists(LogFile) ? ClusterTemplate.Tail(File.ReadAllText(LogFile), lines) : "(no log)";

    public override NpgsqlConnectionStringBuilder ConnectionString(string? database = null) => new()
    {
        Host = SocketDirectory,
        Port = Port,
        Username = "postgres",
        Database = database ?? Database,
        // Each session is its own connection: pooling would hand a "new" session someone else's state.
        Pooling = false,
        Timeout = 30,
    };

    public override IReadOnlyDictionary<string, string> PgEnvironment(string? database = null) => new Dictionary<string, string>
    {
        ["PGHOST"] = SocketDirectory,
        ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = "postgres",
        ["PGDATABASE"] = database ?? Database,
    };

    /// <summary>The command a person types to reach this sandbox with psql.</summary>
    public override string PsqlCommand => $"psql -h {SocketDirectory} -p {Port} -U postgres {Database}";

    /// <summary>What to tell a user who kept the sandbox (--keep-sandbox): where it is, how to connect, how to remove it.</summary>
    public override IReadOnlyList<string> KeptInstructions =>
        [$"Sandbox kept: {Directory}", $"  connect: {PsqlCommand}", $"  stop:    {StopCommand} && rm -rf {Directory}"];

    public string StopCommand => $"{(_owner.RunAsUser is null ? "" : $"runuser -u {_owner.RunAsUser} -- ")}{_bins.PgCtl} -D {DataDirectory} stop";

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_keep)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, SandboxLease.KeepFileName), "kept by --keep-sandbox\n");
            return;
        }
        // Immediate: the cluster is thrown away (or reset to the template as a spare), so nothing needs writing out.
        var stopped = !File.Exists(Path.Combine(DataDirectory!, "postmaster.pid"))
            || await ClusterProcess.StopAsync(_bins.PgCtl, _owner, DataDirectory!, "immediate");
        if (stopped && _template is { } template)
        {
            try { SpareClusters.TryKeep(Path.GetDirectoryName(Directory)!, template, DataDirectory!); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* removed with the rest */ }
        }
        await SandboxJanitor.RemoveAsync(Directory);
    }

    private static int FreePort()
    {
        // The server listens only on its socket, but a port free on TCP too avoids confusing anyone who looks.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
