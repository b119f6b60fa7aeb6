using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Tests.Support;

/// <summary>
/// One real sandbox cluster per test collection; each test takes its own database from it.
/// If PostgreSQL is not installed, every test using it fails with the install hint (never skipped).
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    private int _databases;
    public Sandbox Sandbox { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await TestSoftware.RequirePostgresAsync(); // installs it first when missing and this run may
        Sandbox = await Sandbox.StartAsync(new SandboxOptions
        {
            Database = "postgres",
            Settings = new Dictionary<string, string> { ["autovacuum_naptime"] = "1s", ["max_prepared_transactions"] = "10" },
            RootDirectory = TestPaths.SandboxRoot,
        }, CancellationToken.None);
    }

    public async Task DisposeAsync() => await Sandbox.DisposeAsync();

    /// <summary>Creates a fresh database for one test and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}_{Guid.NewGuid().ToString("N")[..6]}";
        await using var conn = new NpgsqlConnection(Sandbox.ConnectionString("postgres").ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", conn);
        await cmd.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>
    /// Lets a role log in over the sandbox's socket without a password, as a test needs (the sandbox's pg_hba.conf is
    /// Debian's: peer authentication, which only the sandbox's own user passes).
    /// </summary>
    public async Task AllowLocalLoginAsync(string role)
    {
        var hba = Sandbox.HostPath($"/etc/postgresql/{Sandbox.MajorVersion}/main/pg_hba.conf");
        var text = await File.ReadAllTextAsync(hba);
        await File.WriteAllTextAsync(hba, $"local all {role} trust\n" + text);
        await using var conn = await OpenAsync("postgres");
        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", conn);
        await reload.ExecuteNonQueryAsync();
    }

    public async Task<NpgsqlConnection> OpenAsync(string database)
    {
        var conn = new NpgsqlConnection(Sandbox.ConnectionString(database).ConnectionString);
        await conn.OpenAsync();
        return conn;
    }
}

[CollectionDefinition(Name)]
public sealed class SandboxCollection : ICollectionFixture<SandboxFixture>
{
    public const string Name = "sandbox";
}
