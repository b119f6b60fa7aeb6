using LabRunner.Postgres.Confinement;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// Whole sandbox folders kept in the user's cache, each with a stopped cluster VERSION/main made by the real
/// pg_createcluster inside a confinement: one per PostgreSQL version, and one per (version, lab database) with that
/// database created. Inside a sandbox the cluster's paths are always /var/lib/postgresql/VERSION/main and
/// /etc/postgresql/VERSION/main, so a new sandbox is one `cp -a` of a template. Built in a sandbox folder of its own,
/// so a kill -9 while building leaves nothing running (its pid namespace dies) and the janitor removes the folder.
/// </summary>
internal sealed class DebianTemplates(PgBinaries bins, ServerInstall install, OsIdentity identity, SharedFiles shared, string cacheDirectory, string sandboxRoot)
{
    /// <summary>Bump when the layout, createcluster settings or shims change what a template holds.</summary>
    private const int FormatVersion = 2; // 2: pg_hba.conf exactly Debian's (no LabRunner line)

    private string BaseKey => $"debian-pg{bins.Version}-v{FormatVersion}-{(identity.IsRoot ? "postgres" : "self")}{PrefixKey}";

    /// <summary>Binaries from elsewhere than Debian's folder (--pg-bin) get templates of their own.</summary>
    private string PrefixKey => install.Prefix is { } prefix
        ? "-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(prefix)))[..12]
        : "";

    public string BaseTemplate => Path.Combine(cacheDirectory, BaseKey);

    /// <summary>The template folder to copy for a sandbox whose main holds <paramref name="database"/>, built if missing.</summary>
    public async Task<string> EnsureAsync(string database, CancellationToken ct)
    {
        var baseTemplate = await EnsureOneAsync(BaseKey, BuildBaseAsync, ct);
        if (database == "postgres") return baseTemplate;
        var key = $"{BaseKey}-db-{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(database)).ToLowerInvariant()}";
        return await EnsureOneAsync(key, (layout, c) => BuildDatabaseAsync(baseTemplate, database, layout, c), ct);
    }

    private async Task<string> EnsureOneAsync(string key, Func<SandboxLayout, CancellationToken, Task> build, CancellationToken ct)
    {
        var template = Path.Combine(cacheDirectory, key);
        if (File.Exists(Path.Combine(template, "var", "lib", "postgresql", bins.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "main", "PG_VERSION")))
            return template;
        Directory.CreateDirectory(cacheDirectory);
        var layout = SandboxFolder.Create(sandboxRoot, identity, "template-");
        try
        {
            SandboxLease.Write(layout.Root);
            await build(layout, ct);
            foreach (var own in new[] { SandboxLease.FileName, "holder.json" }) File.Delete(Path.Combine(layout.Root, own));
            var staging = Path.Combine(cacheDirectory, $".{key}-{Guid.NewGuid():N}");
            await SandboxFolder.CopyAsync(layout.Root, staging, ct);
            try { Directory.Move(staging, template); } // atomic: a concurrent builder's copy wins, ours is dropped
            catch (IOException) when (Directory.Exists(template)) { await SandboxFolder.RemoveAsync(staging); }
        }
        finally
        {
            await SandboxFolder.RemoveAsync(layout.Root);
        }
        return template;
    }

    private async Task BuildBaseAsync(SandboxLayout layout, CancellationToken ct)
    {
        SandboxFolder.WriteSkeleton(layout, identity);
        await using var holder = await ConfinedSandbox.BootAsync(layout, identity, shared, install, detached: false, ct);
        var inside = new InsideCommand(identity, holder.Pid);
        var made = await inside.RunAsync(["pg_createcluster", bins.MajorVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), "main"], ct);
        if (!made.Succeeded) throw new PostgresUnavailableException($"pg_createcluster failed in the sandbox:\n{made.Output.Trim()}");
        TruncateLogs(layout);
    }

    private async Task BuildDatabaseAsync(string baseTemplate, string database, SandboxLayout layout, CancellationToken ct)
    {
        await SandboxFolder.CopyAsync(baseTemplate + "/.", layout.Root, ct);
        await using var holder = await ConfinedSandbox.BootAsync(layout, identity, shared, install, detached: false, ct);
        var inside = new InsideCommand(identity, holder.Pid);
        var main = new DebianCluster(bins.MajorVersion, IServerTarget.MainServer, layout);
        var insideBins = bins with { BinDirectory = install.BinDirectory };
        await ClusterStart.StartAsync(inside, insideBins, main, TimeSpan.FromSeconds(60), ct);
        var running = main.Running()!.Value;
        await using (var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
        { Host = running.SocketDirectory, Port = running.Port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE {Sandbox.QuoteIdentifier(database)}", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        if (!await ClusterStart.StopAsync(inside, insideBins, main, ct))
            throw new PostgresUnavailableException($"could not stop the template server:\n{ClusterStart.LogTail(main.LogFile)}");
        TruncateLogs(layout);
    }

    /// <summary>Leaves a fresh sandbox: empty logs, and no mount points or symlinks bwrap made in fs/ (they would clash next boot).</summary>
    private static void TruncateLogs(SandboxLayout layout)
    {
        foreach (var log in Directory.GetFiles(layout.VarLogPostgresql)) File.WriteAllText(log, "");
        foreach (var entry in new DirectoryInfo(layout.Fs).GetFileSystemInfos())
        {
            if (entry is DirectoryInfo { LinkTarget: null } dir) dir.Delete(recursive: true);
            else entry.Delete();
        }
    }
}
