using System.Globalization;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// A throwaway PostgreSQL cluster LabRunner owns: copied from a cached template, listening only on a Unix socket
/// in its own directory, removed on dispose (and by the next start if this process is killed).
/// </summary>
public sealed class Sandbox : IServerTarget
{
    private readonly PgBinaries _bins;
    private readonly ClusterOwner _owner;
    private readonly bool _keep;
    private int _disposed;

    public string Directory { get; }
    public string SocketDirectory => Path.Combine(Directory, "sock");
    public string LogFile => Path.Combine(Directory, "log", "server.log");
    public int Port { get; }
    public string Description => "sandbox";
    public bool IsSandbox => true;
    public string Version { get; private set; } = "";
    public int MajorVersion => _bins.MajorVersion;
    public string Database { get; }
    public string? DataDirectory => Path.Combine(Directory, "data");
    public string WorkDirectory => Path.Combine(Directory, "work");
    /// <summary>How long start took (template copy + server start + database), for the benchmark and the header.</summary>
    public TimeSpan StartupTime { get; private set; }

    private Sandbox(PgBinaries bins, ClusterOwner owner, string directory, int port, string database, bool keep)
    {
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

    public static string DefaultRootDirectory() =>
        Path.Combine(Path.GetTempPath(), $"labrunner-{(Environment.IsPrivilegedProcess ? "root" : Environment.UserName)}");

    public static async Task<Sandbox> StartAsync(SandboxOptions options, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var bins = options.Binaries ?? await PgBinaries.FindAsync(options.BinDirectory, ct);
        var owner = await ClusterOwner.DetectAsync(ct);
        var root = options.RootDirectory ?? DefaultRootDirectory();
        System.IO.Directory.CreateDirectory(root);
        if (owner.RunAsUser is not null) File.SetUnixFileMode(root, (UnixFileMode)0b111_101_101); // postgres must traverse it
        await SandboxJanitor.CleanAbandonedAsync(root, ct);

        var template = await ClusterTemplate.EnsureAsync(bins, owner, options.CacheDirectory ?? ClusterTemplate.DefaultCacheDirectory(), root, options.Database, ct);
        var dir = Path.Combine(root, $"sandbox-{Guid.NewGuid().ToString("N")[..10]}");
        System.IO.Directory.CreateDirectory(dir);
        File.SetUnixFileMode(dir, (UnixFileMode)0b111_101_101);
        SandboxLease.Write(dir);
        var sandbox = new Sandbox(bins, owner, dir, FreePort(), options.Database, options.Keep);
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
        await _owner.CreateDirectoryAsync(SocketDirectory, "0755", ct);
        await _owner.CreateDirectoryAsync(Path.GetDirectoryName(LogFile)!, "0755", ct);
        System.IO.Directory.CreateDirectory(WorkDirectory);
        await ClusterTemplate.CopyAsync(template, DataDirectory!, ct);
        if (settings.Count > 0)
        {
            var lines = settings.Select(s => $"{s.Key} = '{s.Value.Replace("'", "''")}'");
            await File.AppendAllTextAsync(Path.Combine(DataDirectory!, "postgresql.conf"), "\n# lab settings\n" + string.Join('\n', lines) + "\n", ct);
        }
        await ClusterProcess.StartAsync(_bins, _owner, DataDirectory!, LogFile, Port, SocketDirectory, ct);
        Version = _bins.Version; // the server we just started is these binaries' (server_version adds only the distribution's suffix)
    }

    public string ServerLogTail(int lines = 20) =>
        File.Exists(LogFile) ? ClusterTemplate.Tail(File.ReadAllText(LogFile), lines) : "(no log)";

    public NpgsqlConnectionStringBuilder ConnectionString(string? database = null) => new()
    {
        Host = SocketDirectory,
        Port = Port,
        Username = "postgres",
        Database = database ?? Database,
        // Each session is its own connection: pooling would hand a "new" session someone else's state.
        Pooling = false,
        Timeout = 30,
    };

    public IReadOnlyDictionary<string, string> PgEnvironment(string? database = null) => new Dictionary<string, string>
    {
        ["PGHOST"] = SocketDirectory,
        ["PGPORT"] = Port.ToString(CultureInfo.InvariantCulture),
        ["PGUSER"] = "postgres",
        ["PGDATABASE"] = database ?? Database,
    };

    /// <summary>The command a person types to reach this sandbox with psql.</summary>
    public string PsqlCommand => $"psql -h {SocketDirectory} -p {Port} -U postgres {Database}";

    /// <summary>What to tell a user who kept the sandbox (--keep-sandbox): where it is, how to connect, how to remove it.</summary>
    public IReadOnlyList<string> KeptInstructions =>
        [$"Sandbox kept: {Directory}", $"  connect: {PsqlCommand}", $"  stop:    {StopCommand} && rm -rf {Directory}"];

    public string StopCommand => $"{(_owner.RunAsUser is null ? "" : $"runuser -u {_owner.RunAsUser} -- ")}{_bins.PgCtl} -D {DataDirectory} stop";

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_keep)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, SandboxLease.KeepFileName), "kept by --keep-sandbox\n");
            return;
        }
        await SandboxJanitor.StopAndRemoveAsync(_bins.PgCtl, _owner, Directory);
    }

    private static int FreePort()
    {
        // The server listens only on its socket, but a port free on TCP too avoids confusing anyone who looks.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";
}
