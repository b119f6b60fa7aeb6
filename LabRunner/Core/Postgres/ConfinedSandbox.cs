using System.Globalization;
using LabRunner.Postgres.Confinement;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// A sandbox of servers confined with bubblewrap: one namespace holder per sandbox (user, pid, network, IPC and mount
/// namespaces; host read-only; the sandbox folder at the Debian paths), every server and shell step entering it with
/// nsenter. Inside, everything runs as postgres; servers listen on the loopback ports a lab expects (main on 5432)
/// where no host server can be reached; LabRunner talks to them over their sockets in the 0700 sandbox folder.
/// </summary>
internal sealed partial class ConfinedSandbox : Sandbox, IServerTarget
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly PgBinaries _bins;
    private readonly OsIdentity _identity;
    private readonly DebianTemplates _templates;
    private readonly bool _keep;
    private readonly Dictionary<string, SandboxServer> _servers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _serversGate = new(1, 1);
    private NamespaceHolder? _holder;
    private string? _template;
    private InsideCommand? _inside;
    private SandboxServer _main;
    private int _disposed;

    public SandboxLayout Layout { get; }
    /// <summary>Host pid of the sandbox's pid namespace's pid 1 (tests look at what runs in that namespace).</summary>
    internal int? HolderPid => _holder?.Pid;
    public override string Directory => Layout.Root;
    public override string SocketDirectory => Layout.SocketDirectory;
    public override int Port => _main.Cluster.Running()?.Port ?? _main.Cluster.ConfiguredPort;
    public override string Version => _bins.Version;
    public override int MajorVersion => _bins.MajorVersion;
    public override string Database => _main.Database;
    public override string? DataDirectory => _main.DataDirectory;
    /// <summary>postgres's home: where steps start, and where the lab's paths under /var/lib/postgresql land.</summary>
    public override string WorkDirectory => Layout.VarLibPostgresql;
    public override string StepWorkDirectory => HolderArguments.InsideHome;
    public override IShellHost Shell => new ConfinedShell(Inside, Layout.Root);
    private InsideCommand Inside => _inside ?? throw new InvalidOperationException("the sandbox is not running");

    private ConfinedSandbox(PgBinaries bins, OsIdentity identity, DebianTemplates templates, SandboxLayout layout, string database, bool keep)
    {
        _bins = bins;
        _identity = identity;
        _templates = templates;
        _keep = keep;
        Layout = layout;
        _main = new SandboxServer(this, new DebianCluster(bins.MajorVersion, IServerTarget.MainServer, layout), database);
        _servers[IServerTarget.MainServer] = _main;
        // Safety net for paths that skip dispose (Environment.Exit); kill -9 is the holder's pipe's and the janitor's job.
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public static async Task<Sandbox> StartAsync(SandboxOptions options, PgBinaries bins, string root, OsIdentity identity, CancellationToken ct)
    {
        // Inside, the binaries are at Debian's place for their version, wherever they live on the host.
        var install = ServerInstall.For(bins);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var shared = SharedFiles.Ensure(root, identity);
        var templates = new DebianTemplates(bins, install, identity, shared, options.CacheDirectory ?? DefaultCacheDirectory(), root);
        var template = await templates.EnsureAsync(options.Database, ct);
        // A spare (a former sandbox's folder, brought back to the template) is much faster than copying ~1,000 files.
        var spare = ClaimSpare(root, template, identity);
        var layout = spare ?? SandboxFolder.Create(root, identity);
        var sandbox = new ConfinedSandbox(bins with { BinDirectory = install.BinDirectory }, identity, templates, layout, options.Database, options.Keep) { _template = template };
        try
        {
            if (spare is null)
            {
                SandboxLease.Write(layout.Root);
                await SandboxFolder.CopyAsync(template + "/.", layout.Root, ct);
            }
            WriteSettings(sandbox._main.Cluster, options.Settings, identity);
            // The holder starts main itself as soon as the namespaces stand (no nsenter chain on the way to the first server).
            // A fresh copy has no postmaster.pid: pg_ctl need not wait (100 ms steps), LabRunner looks every 5 ms.
            var main = sandbox._main.Cluster;
            var fresh = !File.Exists(Path.Combine(main.DataDirectory, "postmaster.pid"));
            var logFrom = ClusterStart.LogLength(main);
            var startMain = InsideCommand.CleanEnvironment(HolderArguments.InsideHome, []).Concat(ClusterStart.Command(sandbox._bins, main, wait: !fresh)).ToList();
            sandbox._holder = await BootAsync(layout, identity, shared, install, options.Keep, ct, startMain);
            sandbox._inside = new InsideCommand(identity, sandbox._holder.Pid);
            if (sandbox._holder.FirstCommandFailure is { } failure) throw ClusterStart.Failure(main, failure);
            await ClusterStart.WaitReadyAsync(main, StartTimeout, ct, logFrom);
            foreach (var spec in options.Servers) await sandbox.CreateServerAsync(spec, ct);
            sandbox.StartupTime = clock.Elapsed;
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>A spare of the template, reset under a name the janitor does not look at, given its lease, then renamed
    /// into a sandbox folder; null when there is none.</summary>
    private static SandboxLayout? ClaimSpare(string root, string template, OsIdentity identity)
    {
        var staging = Path.Combine(root, "claim-" + Guid.NewGuid().ToString("N")[..10]);
        if (!SpareClusters.TryClaim(root, Path.GetFileName(template), template, staging, OwnerOf(identity))) return null;
        SandboxLease.Write(staging);
        var dir = Path.Combine(root, SandboxFolder.Prefix + Guid.NewGuid().ToString("N")[..10]);
        System.IO.Directory.Move(staging, dir);
        return new SandboxLayout(dir);
    }

    private static ClusterOwner OwnerOf(OsIdentity identity) => identity.IsRoot
        ? new ClusterOwner(ClusterOwner.PostgresUser) { Ids = (identity.PostgresUid, identity.PostgresGid) }
        : new ClusterOwner((string?)null);

    /// <summary>Once the namespace's pid 1 is gone, the kernel has ended every process in it (it waits for them):
    /// nothing writes into the folder any more, so it may become a spare.</summary>
    private static async Task<bool> NamespaceEndedAsync(int pid)
    {
        for (var i = 0; i < 200; i++)
        {
            string stat;
            try { stat = await File.ReadAllTextAsync($"/proc/{pid}/stat"); }
            catch (IOException) { return true; }
            if (stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z')) return true;
            await Task.Delay(10);
        }
        return false;
    }

    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
        return Path.Combine(root, "labrunner", "templates");
    }

    /// <summary>Starts the namespace holder (which runs <paramref name="firstCommand"/> inside first, if any) and records it (holder.json) for the janitor.</summary>
    internal static async Task<NamespaceHolder> BootAsync(SandboxLayout layout, OsIdentity identity, SharedFiles shared, ServerInstall install, bool detached, CancellationToken ct,
        IReadOnlyList<string>? firstCommand = null)
    {
        var passwd = PeerIdentity.Write(layout, identity);
        var holder = await NamespaceHolder.StartAsync(identity.AsOwner, HolderArguments.For(layout, identity, shared.ShimDirectory, shared, install, passwd), detached, ct, firstCommand);
        await File.WriteAllTextAsync(layout.HolderInfo, $"{{\"child-pid\": {holder.Pid}, \"net-namespace\": {holder.NetNamespace}}}\n", CancellationToken.None);
        return holder;
    }

    /// <summary>The lab's server settings, in Debian's include_dir (conf.d) so postgresql.conf stays as a lab expects it.</summary>
    private static void WriteSettings(DebianCluster cluster, IReadOnlyDictionary<string, string> settings, OsIdentity identity)
    {
        if (settings.Count == 0) return;
        var confD = System.IO.Directory.CreateDirectory(Path.Combine(cluster.ConfigDirectory, "conf.d")).FullName;
        var file = Path.Combine(confD, "labrunner-lab.conf");
        File.WriteAllText(file, "# the lab's server settings (LabRunner)\n" + SandboxSettings.Lines(settings, HolderArguments.InsideHome));
        if (identity.IsRoot) Posix.Chown(file, identity.PostgresUid, identity.PostgresGid);
    }

    public override IReadOnlyList<ServerState> Servers =>
        DebianCluster.All(Layout)
            .OrderBy(c => c.Name == IServerTarget.MainServer ? 0 : 1).ThenBy(c => c.ConfiguredPort)
            .Select(c => c.Running() is { } r ? new ServerState(c.Name, r.Port, r.Ready) : new ServerState(c.Name, c.ConfiguredPort, false))
            .ToList();

    public override NpgsqlConnectionStringBuilder ConnectionString(string? database = null) => _main.ConnectionString(database);
    public override IReadOnlyDictionary<string, string> PgEnvironment(string? database = null) => _main.PgEnvironment(database);
    public override string HostPath(string path) => Layout.Outside(path);

    public Task<NpgsqlConnection> OpenOverTcpAsync(NpgsqlConnectionStringBuilder login, string host, CancellationToken ct) =>
        _main.OpenOverTcpAsync(login, host, ct);

    /// <summary>
    /// A TCP connection made inside the sandbox's network namespace (a loopback name the lab wrote, else 127.0.0.1, at
    /// the server's port): the server sees a client on its own machine. Opened synchronously on the thread that joined
    /// the namespace, so the socket is created there.
    /// </summary>
    internal async Task<NpgsqlConnection> OpenInsideAsync(NpgsqlConnectionStringBuilder login, string host, int port, CancellationToken ct)
    {
        var holder = _holder?.Pid ?? throw new InvalidOperationException("the sandbox is not running");
        var builder = new NpgsqlConnectionStringBuilder(login.ConnectionString)
        {
            Host = host is "localhost" or "127.0.0.1" or "::1" ? host : "127.0.0.1",
            Port = port,
        };
        var conn = new NpgsqlConnection(builder.ConnectionString);
        try
        {
            using var cancel = ct.Register(() => conn.Dispose());
            await NetworkNamespace.RunInAsync(holder, () => { conn.Open(); return true; });
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public override IServerTarget Server(string? name)
    {
        if (name is null || name == IServerTarget.MainServer) return _main;
        lock (_servers)
        {
            if (_servers.TryGetValue(name, out var known) && File.Exists(known.Cluster.ConfigFile)) return known;
            var cluster = DebianCluster.All(Layout).Where(c => c.Name == name).OrderBy(c => c.Version == MajorVersion ? 0 : 1).FirstOrDefault()
                ?? throw new UserErrorException($"there is no server \"{name}\" in the sandbox (servers: {string.Join(", ", Servers.Select(s => s.Name))})");
            return _servers[name] = new SandboxServer(this, cluster, "postgres");
        }
    }

    public override string ServerLogTail(int lines = 20) => ClusterStart.LogTail(_main.Cluster.LogFile, lines);

    public override string PsqlCommand => $"psql -h {SocketDirectory} -p {Port.ToString(CultureInfo.InvariantCulture)} -U postgres {Database}";

    public override IReadOnlyList<string> KeptInstructions =>
    [
        $"Sandbox kept: {Directory}",
        $"  connect: {PsqlCommand}",
        $"  shell:   {string.Join(' ', Inside.Prefix(HolderArguments.InsideHome, []).Select(Quote))} bash",
        $"  stop:    kill -9 {_holder?.Pid} && rm -rf {Directory}   (or: labrunner sandbox --clean)",
    ];

    private static string Quote(string word) => word.All(c => char.IsLetterOrDigit(c) || "-_=/.:,".Contains(c)) ? word : $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        if (_keep && _holder is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(Directory, SandboxLease.KeepFileName), "kept by --keep-sandbox\n");
            return;
        }
        if (_holder is not null)
        {
            await _holder.DisposeAsync();
            if (!_keep && _template is { } template && await NamespaceEndedAsync(_holder.Pid))
            {
                try
                {
                    // Reset now, while nobody waits for it, so that the next sandbox only renames it.
                    if (SpareClusters.TryKeepReset(Path.GetDirectoryName(Directory)!, Path.GetFileName(template), template, Directory, OwnerOf(_identity),
                        SandboxLease.FileName)) return;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { /* removed below */ }
            }
        }
        await SandboxFolder.RemoveAsync(Directory);
    }
}
