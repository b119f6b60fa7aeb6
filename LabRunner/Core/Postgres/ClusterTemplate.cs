using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// Initialised, stopped clusters kept in the user's cache dir: one per PostgreSQL version, and one per (version, lab
/// database) with that database already created. Copying one (cp -a) is much faster than initdb + CREATE DATABASE.
/// </summary>
internal static class ClusterTemplate
{
    /// <summary>Bump when the initdb options or the template's postgresql.conf change.</summary>
    private const int FormatVersion = 2;

    public static string DefaultCacheDirectory()
    {
        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = string.IsNullOrEmpty(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache")
            : xdg;
        return Path.Combine(root, "labrunner", "templates");
    }

    /// <summary>Returns a template data directory holding <paramref name="database"/>, building what is missing.</summary>
    public static async Task<string> EnsureAsync(PgBinaries bins, ClusterOwner owner, string cacheDirectory, string scratch, string database, CancellationToken ct)
    {
        var baseKey = $"pg{bins.Version}-v{FormatVersion}-{owner.RunAsUser ?? "self"}";
        var baseData = await EnsureOneAsync(cacheDirectory, baseKey, scratch, owner, ct: ct, build: async building =>
        {
            var initdb = await owner.RunAsync(bins.InitDb,
                ["-D", building, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions", "--no-sync"], ct);
            if (!initdb.Succeeded) throw new PostgresUnavailableException($"initdb failed ({bins.InitDb}):\n{Tail(initdb.Output)}");
            // A throwaway cluster: durability buys nothing and costs seconds on large labs.
            await File.AppendAllTextAsync(Path.Combine(building, "postgresql.conf"),
                "\n# LabRunner sandbox\nfsync = off\nsynchronous_commit = off\nfull_page_writes = off\n", ct);
        });
        if (database == "postgres") return baseData;

        var dbKey = $"{baseKey}-db-{Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(database)).ToLowerInvariant()}";
        return await EnsureOneAsync(cacheDirectory, dbKey, scratch, owner, ct: ct, build: async building =>
        {
            await CopyAsync(baseData, building, ct, replace: true);
            // Short: a socket path longer than 107 bytes cannot be made (a long $TMPDIR or user name would break the cold build).
            var socket = Path.Combine(Path.GetDirectoryName(building)!, $"t{Guid.NewGuid():N}"[..9]);
            await owner.CreateDirectoryAsync(socket, "0755", ct);
            var port = 20000 + Random.Shared.Next(30000);
            try
            {
                await ClusterProcess.StartAsync(bins, owner, building, Path.Combine(socket, "log"), port, socket, ct);
                await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder
                { Host = socket, Port = port, Username = "postgres", Database = "postgres", Pooling = false }.ConnectionString);
                await conn.OpenAsync(ct);
                await using var create = new NpgsqlCommand($"CREATE DATABASE {Sandbox.QuoteIdentifier(database)}", conn);
                await create.ExecuteNonQueryAsync(ct);
            }
            finally
            {
                await ClusterProcess.StopAsync(bins.PgCtl, owner, building, "fast");
                await ProcessRunner.RunAsync("rm", ["-rf", socket], CancellationToken.None);
            }
        });
    }

    private static async Task<string> EnsureOneAsync(string cacheDirectory, string key, string scratch, ClusterOwner owner, Func<string, Task> build, CancellationToken ct)
    {
        var templateDir = Path.Combine(cacheDirectory, key);
        var dataDir = Path.Combine(templateDir, "data");
        if (File.Exists(Path.Combine(dataDir, "PG_VERSION"))) return dataDir;

        Directory.CreateDirectory(cacheDirectory);
        // The cluster's owner builds it; the cache may sit under /root (0700), so build in scratch space, then copy in.
        var building = Path.Combine(scratch, $"template-{Guid.NewGuid():N}");
        await owner.CreateDirectoryAsync(building, "0700", ct);
        try
        {
            await build(building);
            var staging = Path.Combine(cacheDirectory, $".{key}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            // --sparse=always: the WAL segment is mostly zeros; a sparse template copies faster on every run.
            await CopyAsync(building, Path.Combine(staging, "data"), ct, sparse: true);
            try
            {
                Directory.Move(staging, templateDir); // atomic: a concurrent builder's copy wins, ours is dropped
            }
            catch (IOException) when (Directory.Exists(templateDir))
            {
                await ProcessRunner.RunAsync("rm", ["-rf", staging], CancellationToken.None);
            }
        }
        finally
        {
            await ProcessRunner.RunAsync("rm", ["-rf", building], CancellationToken.None);
        }
        return dataDir;
    }

    /// <summary>cp -a (keeps the postgres owner and 0700 modes when we are root).</summary>
    public static async Task CopyAsync(string from, string to, CancellationToken ct, bool sparse = false, bool replace = false)
    {
        if (replace) await ProcessRunner.RunAsync("rm", ["-rf", to], ct);
        var args = sparse ? new[] { "-a", "--sparse=always", from, to } : ["-a", from, to];
        var copy = await ProcessRunner.RunAsync("cp", args, ct);
        if (!copy.Succeeded) throw new PostgresUnavailableException($"Cannot copy the cluster template: {copy.Output.Trim()}");
    }

    internal static string Tail(string text, int lines = 20) =>
        string.Join('\n', text.TrimEnd().Split('\n').TakeLast(lines));
}
