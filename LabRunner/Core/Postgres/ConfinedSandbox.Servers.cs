using System.Globalization;
using System.Text.RegularExpressions;

namespace LabRunner.Postgres;

/// <summary>Servers made while the lab runs: a new cluster (as pg_createcluster --start), or one started on a directory the lab produced.</summary>
internal sealed partial class ConfinedSandbox
{
    private static readonly TimeSpan RecoveryTimeout = TimeSpan.FromMinutes(3);

    public override async Task<IServerTarget> CreateServerAsync(ServerSpec spec, CancellationToken ct)
    {
        await _serversGate.WaitAsync(ct);
        try
        {
            var (cluster, port) = NewCluster(spec);
            await CopyTemplateConfigAsync(cluster, ct);
            RewriteConfig(cluster, port, dataDirectory: null); // first: the data directory's path is read from it
            await SandboxFolder.CopyAsync(TemplateDataDirectory, cluster.DataDirectory, ct);
            await ClusterStart.StartAsync(Inside, _bins, cluster, StartTimeout, ct);
            return Server(spec.Name);
        }
        finally { _serversGate.Release(); }
    }

    public override async Task<IServerTarget> StartServerOnAsync(ServerSpec spec, string dataDirectory, CancellationToken ct)
    {
        await _serversGate.WaitAsync(ct);
        try
        {
            var outside = Layout.Outside(dataDirectory);
            if (File.Exists(Path.Combine(outside, "base.tar")) && !File.Exists(Path.Combine(outside, "PG_VERSION")))
                throw new SandboxServerException(SandboxServerProblem.TarFormatBackup, dataDirectory);
            if (!File.Exists(Path.Combine(outside, "PG_VERSION")))
                throw new SandboxServerException(SandboxServerProblem.NotADataDirectory, dataDirectory);
            var (cluster, port) = NewCluster(spec);
            await CopyTemplateConfigAsync(cluster, ct);
            RewriteConfig(cluster, port, dataDirectory);
            // A copy of a running server's folder carries its postmaster.pid; PostgreSQL wants its folder private.
            File.Delete(Path.Combine(outside, "postmaster.pid"));
            File.SetUnixFileMode(outside, (UnixFileMode)0b111_000_000);
            var restoring = File.Exists(Path.Combine(outside, "recovery.signal")) && !File.Exists(Path.Combine(outside, "standby.signal"));
            var logFrom = ClusterStart.LogLength(cluster);
            await ClusterStart.StartAsync(Inside, _bins, cluster, RecoveryTimeout, ct);
            if (restoring) await ClusterStart.WaitForEndOfRecoveryAsync(cluster, logFrom, RecoveryTimeout, ct);
            return Server(spec.Name);
        }
        finally { _serversGate.Release(); }
    }

    public override async Task StopServerAsync(string name, CancellationToken ct)
    {
        var server = (SandboxServer)Server(name);
        if (server.Cluster.Running() is null) return;
        if (!await ClusterStart.StopAsync(Inside, _bins, server.Cluster, ct))
            throw new PostgresUnavailableException($"the sandbox server {name} did not stop:\n{ClusterStart.LogTail(server.Cluster.LogFile)}");
    }

    private string TemplateDataDirectory => Path.Combine(_templates.BaseTemplate, "var", "lib", "postgresql", MajorText, "main");
    private string TemplateConfigDirectory => Path.Combine(_templates.BaseTemplate, "etc", "postgresql", MajorText, "main");
    private string MajorText => MajorVersion.ToString(CultureInfo.InvariantCulture);

    private (DebianCluster Cluster, int Port) NewCluster(ServerSpec spec)
    {
        if (!ClusterName().IsMatch(spec.Name))
            throw new SandboxServerException(SandboxServerProblem.BadServerName, spec.Name);
        var cluster = new DebianCluster(MajorVersion, spec.Name, Layout);
        if (System.IO.Directory.Exists(cluster.ConfigDirectory))
            throw new SandboxServerException(SandboxServerProblem.ServerExists, spec.Name);
        return (cluster, spec.Port ?? NextFreePort());
    }

    /// <summary>As pg_createcluster: the first port from 5432 that no cluster of the sandbox is configured for or runs on.</summary>
    private int NextFreePort()
    {
        var used = DebianCluster.All(Layout).SelectMany(c => new[] { c.ConfiguredPort, c.Running()?.Port ?? 0 }).ToHashSet();
        var port = 5432;
        while (used.Contains(port)) port++;
        return port;
    }

    private async Task CopyTemplateConfigAsync(DebianCluster cluster, CancellationToken ct)
    {
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(cluster.ConfigDirectory)!);
        await SandboxFolder.CopyAsync(TemplateConfigDirectory, cluster.ConfigDirectory, ct);
    }

    /// <summary>The lines of the template's postgresql.conf that name the cluster, as pg_createcluster writes them for NAME.</summary>
    private void RewriteConfig(DebianCluster cluster, int port, string? dataDirectory)
    {
        var v = MajorText;
        var text = File.ReadAllText(cluster.ConfigFile)
            .Replace($"/{v}/main", $"/{v}/{cluster.Name}", StringComparison.Ordinal)
            .Replace($"{v}-main.pid", $"{v}-{cluster.Name}.pid", StringComparison.Ordinal)
            .Replace($"cluster_name = '{v}/main'", $"cluster_name = '{v}/{cluster.Name}'", StringComparison.Ordinal);
        text = PortLine().Replace(text, $"port = {port.ToString(CultureInfo.InvariantCulture)}");
        if (dataDirectory is not null)
            text = DataDirectoryLine().Replace(text, $"data_directory = '{dataDirectory.Replace("'", "''", StringComparison.Ordinal)}'");
        File.WriteAllText(cluster.ConfigFile, text); // in place: keeps the file's owner
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex ClusterName();

    [GeneratedRegex(@"^port\s*=\s*\d+", RegexOptions.Multiline)]
    private static partial Regex PortLine();

    [GeneratedRegex(@"^data_directory\s*=\s*'[^']*'", RegexOptions.Multiline)]
    private static partial Regex DataDirectoryLine();
}
