using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Grading;

/// <summary>
/// A student's server seen by `grade`: every connection made through it starts with default_transaction_read_only on,
/// so a check that tries to write fails with 25006 instead of changing the student's work.
/// </summary>
internal sealed class ReadOnlyTarget(IServerTarget inner) : IServerTarget
{
    private const string ReadOnlyOption = "-c default_transaction_read_only=on";

    public string Description => inner.Description;
    public bool IsSandbox => inner.IsSandbox;
    public string Version => inner.Version;
    public int MajorVersion => inner.MajorVersion;
    public string Database => inner.Database;
    public string? DataDirectory => inner.DataDirectory;
    public string WorkDirectory => inner.WorkDirectory;

    public NpgsqlConnectionStringBuilder ConnectionString(string? database = null)
    {
        var builder = inner.ConnectionString(database);
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? ReadOnlyOption : builder.Options + " " + ReadOnlyOption;
        return builder;
    }

    public IReadOnlyDictionary<string, string> PgEnvironment(string? database = null)
    {
        var env = new Dictionary<string, string>(inner.PgEnvironment(database));
        env["PGOPTIONS"] = env.TryGetValue("PGOPTIONS", out var o) ? o + " " + ReadOnlyOption : ReadOnlyOption;
        return env;
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
