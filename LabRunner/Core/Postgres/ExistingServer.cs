using System.Globalization;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>A server the user named (--connection, PG* variables). LabRunner creates nothing on it but a work directory.</summary>
public sealed class ExistingServer : IServerTarget
{
    private readonly NpgsqlConnectionStringBuilder _settings;

    public string Description { get; }
    public bool IsSandbox => false;
    public string Version { get; private set; } = "";
    public int MajorVersion { get; private set; }
    public string Database => _settings.Database ?? "postgres";
    public string? DataDirectory { get; private set; }
    public string WorkDirectory { get; }
    /// <summary>The role LabRunner is connected as (current_user).</summary>
    public string User { get; private set; } = "";
    /// <summary>That role is a superuser: it may do anything on the server, read-only settings included.</summary>
    public bool IsSuperuser { get; private set; }

    private ExistingServer(NpgsqlConnectionStringBuilder settings)
    {
        _settings = settings;
        Description = ConnectionStrings.Describe(settings);
        WorkDirectory = Directory.CreateTempSubdirectory("labrunner-work-").FullName;
    }

    /// <summary>Connects once to learn the version (and the data directory when the role may read it).</summary>
    public static async Task<ExistingServer> ConnectAsync(string? connection, string? databaseOverride, CancellationToken ct)
    {
        NpgsqlConnectionStringBuilder settings;
        try { settings = ConnectionStrings.Parse(connection); }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException)
        {
            throw new PostgresUnavailableException($"--connection is not a valid connection string: {e.Message}");
        }
        if (databaseOverride is not null && string.IsNullOrEmpty(connection) && Environment.GetEnvironmentVariable("PGDATABASE") is null)
            settings.Database = databaseOverride;
        var server = new ExistingServer(settings);
        try
        {
            await using var conn = new NpgsqlConnection(settings.ConnectionString);
            await conn.OpenAsync(ct);
            await using var cmd = new NpgsqlCommand(
                "SELECT current_setting('server_version'), current_setting('server_version_num')::int / 10000, " +
                "CASE WHEN pg_has_role('pg_read_all_settings', 'member') THEN current_setting('data_directory') END, " +
                "current_user, current_setting('is_superuser') = 'on'", conn);
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            server.Version = reader.GetString(0).Split(' ')[0];
            server.MajorVersion = reader.GetInt32(1);
            server.DataDirectory = reader.IsDBNull(2) ? null : reader.GetString(2);
            server.User = reader.GetString(3);
            server.IsSuperuser = reader.GetBoolean(4);
            return server;
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or ArgumentException)
        {
            // ArgumentException: a setting Npgsql accepted but cannot use (a port no socket can have, say).
            await server.DisposeAsync();
            var why = e is PostgresException pg ? pg.MessageText : e.Message;
            throw new PostgresUnavailableException($"Cannot connect to {server.Description}: {why}");
        }
    }

    public NpgsqlConnectionStringBuilder ConnectionString(string? database = null) =>
        new(_settings.ConnectionString) { Database = database ?? Database };

    /// <summary>
    /// PG* variables for shell steps. The password travels in a passfile (0600, in the work directory, removed with it),
    /// never as PGPASSWORD: a step's `env` or a child's /proc/PID/environ would show that to anyone who reads the output.
    /// </summary>
    public IReadOnlyDictionary<string, string> PgEnvironment(string? database = null)
    {
        var env = new Dictionary<string, string>
        {
            ["PGHOST"] = _settings.Host ?? "localhost",
            ["PGPORT"] = _settings.Port.ToString(CultureInfo.InvariantCulture),
            ["PGUSER"] = _settings.Username ?? Environment.UserName,
            ["PGDATABASE"] = database ?? Database,
        };
        if (PassFile() is { } passFile) env["PGPASSFILE"] = passFile;
        return env;
    }

    private string? _passFile;

    private string? PassFile()
    {
        if (string.IsNullOrEmpty(_settings.Password) || !Directory.Exists(WorkDirectory)) return null;
        if (_passFile is not null && File.Exists(_passFile)) return _passFile;
        static string Field(string s) => s.Replace(@"\", @"\\", StringComparison.Ordinal).Replace(":", @"\:", StringComparison.Ordinal);
        var host = _settings.Host ?? "localhost";
        var rest = $"{_settings.Port.ToString(CultureInfo.InvariantCulture)}:*:{Field(_settings.Username ?? Environment.UserName)}:{Field(_settings.Password)}\n";
        // libpq looks a socket directory up as itself, and the default one (or none) as "localhost".
        var lines = Field(host) + ":" + rest + (host.StartsWith('/') ? "localhost:" + rest : "");
        var path = Path.Combine(WorkDirectory, ".pgpass");
        using (var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            stream.Write(System.Text.Encoding.UTF8.GetBytes(lines));
        }
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return _passFile = path;
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            if (_passFile is not null) File.Delete(_passFile);
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
