using LabRunner.Psql;
using Npgsql;

namespace LabRunner.Grading;

/// <summary>The instructor's connection to the shared server, with the few questions provision and drop ask of it.</summary>
internal sealed class ClassServer(NpgsqlConnectionStringBuilder admin, NpgsqlConnection conn) : IAsyncDisposable
{
    public NpgsqlConnectionStringBuilder Admin => admin;
    public string User { get; private set; } = "";
    public bool Superuser { get; private set; }
    public bool CreateRole { get; private set; }
    public bool CreateDb { get; private set; }
    public string Description => $"{admin.Host}:{admin.Port}";

    public static async Task<ClassServer> OpenAsync(NpgsqlConnectionStringBuilder admin, CancellationToken ct)
    {
        var conn = await OpenAsync(admin, admin.Database, ct);
        var server = new ClassServer(admin, conn);
        await using var cmd = new NpgsqlCommand(
            "SELECT current_user, rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user", conn);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        (server.User, server.Superuser, server.CreateRole, server.CreateDb) = (reader.GetString(0), reader.GetBoolean(1), reader.GetBoolean(2), reader.GetBoolean(3));
        return server;
    }

    public static async Task<NpgsqlConnection> OpenAsync(NpgsqlConnectionStringBuilder admin, string? database, CancellationToken ct)
    {
        var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, Pooling = false }.ConnectionString);
        try
        {
            await conn.OpenAsync(ct);
            return conn;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            await conn.DisposeAsync();
            throw new Postgres.PostgresUnavailableException($"Cannot connect to {admin.Host}:{admin.Port}/{database} as {admin.Username}: " +
                (e is PostgresException pg ? pg.MessageText : e.Message));
        }
    }

    public Task ExecAsync(string sql, CancellationToken ct) => ExecAsync(conn, sql, ct);

    /// <summary>Runs a script statement by statement, as psql sends it (Npgsql does not split SQL here: see Execution's README).</summary>
    public static async Task ExecAsync(NpgsqlConnection on, string sql, CancellationToken ct)
    {
        foreach (var part in PsqlScanner.Split(sql))
        {
            if (part is MetaCommandPart meta) throw new UserErrorException($"line {meta.Line}: \\{meta.Name} cannot run on a shared server here");
            if (part is not SqlStatementPart { IsEmpty: false } statement) continue;
            await using var cmd = new NpgsqlCommand(statement.Text, on);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>Null: no such role/database; else whether it carries the class's marker.</summary>
    public async Task<bool?> OursAsync(string kind, string name, string marker, CancellationToken ct)
    {
        var sql = kind == "role"
            ? "SELECT coalesce(shobj_description(oid, 'pg_authid'), '') FROM pg_roles WHERE rolname = $1"
            : "SELECT coalesce(shobj_description(oid, 'pg_database'), '') FROM pg_database WHERE datname = $1";
        await using var cmd = new NpgsqlCommand(sql, conn) { Parameters = { new() { Value = name } } };
        return await cmd.ExecuteScalarAsync(ct) is string comment ? comment == marker : null;
    }

    /// <summary>Roles with sessions in a database that the instructor may not terminate, after waiting up to <paramref name="patience"/> for them to leave.</summary>
    public async Task<IReadOnlyList<string>> UnendableSessionsAsync(string database, TimeSpan patience, CancellationToken ct)
    {
        const string sql = """
            SELECT DISTINCT usename FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND usesysid IS NOT NULL
              AND NOT pg_has_role(usesysid, 'USAGE') AND NOT pg_has_role('pg_signal_backend', 'USAGE')
            ORDER BY 1
            """;
        var until = DateTime.UtcNow + patience;
        while (true)
        {
            var roles = new List<string>();
            await using (var cmd = new NpgsqlCommand(sql, conn) { Parameters = { new() { Value = database } } })
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) roles.Add(reader.GetString(0));
            if (roles.Count == 0 || DateTime.UtcNow >= until) return roles;
            await Task.Delay(100, ct);
        }
    }

    /// <summary>pg_settings.context of a setting: user and superuser ones can be set per database.</summary>
    public async Task<string?> SettingContextAsync(string name, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("SELECT context FROM pg_settings WHERE name = $1", conn) { Parameters = { new() { Value = name } } };
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    public ValueTask DisposeAsync() => conn.DisposeAsync();
}
