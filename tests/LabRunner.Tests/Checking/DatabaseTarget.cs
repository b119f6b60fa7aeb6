using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Tests.Checking;

/// <summary>The shared test sandbox seen with one test's database as the default; disposing it leaves the sandbox running.</summary>
internal sealed class DatabaseTarget(IServerTarget sandbox, string database) : IServerTarget
{
    public string Description => sandbox.Description;
    public bool IsSandbox => true;
    public string Version => sandbox.Version;
    public int MajorVersion => sandbox.MajorVersion;
    public string Database => database;
    public string? DataDirectory => sandbox.DataDirectory;
    public string WorkDirectory => sandbox.WorkDirectory;
    public NpgsqlConnectionStringBuilder ConnectionString(string? db = null) => sandbox.ConnectionString(db ?? database);
    public IReadOnlyDictionary<string, string> PgEnvironment(string? db = null) => sandbox.PgEnvironment(db ?? database);
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
