using System.Text.RegularExpressions;
using Npgsql;

namespace LabRunner.Execution;

/// <summary>
/// pg_reload_conf() only signals the postmaster, which then signals every backend; a student's next command comes
/// seconds later, when their own backend has long reloaded. LabRunner's next statement may come first (on a loaded
/// machine it does): after a successful pg_reload_conf() the session waits, briefly, until its own backend has loaded
/// the configuration (pg_conf_load_time() is per backend), so `pending_restart` and SHOW see what a student sees.
/// </summary>
internal static partial class ConfigReload
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public static bool Requested(string sql) => ReloadCall().IsMatch(sql);

    /// <summary>The server's clock before the statement runs (null when it cannot be read: then no waiting).</summary>
    public static async Task<DateTime?> ClockAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        try
        {
            await using var cmd = new NpgsqlCommand("SELECT pg_catalog.clock_timestamp()", conn);
            return (DateTime?)await cmd.ExecuteScalarAsync(ct);
        }
        catch (NpgsqlException) { return null; }
    }

    /// <summary>Waits until this backend's configuration was loaded after <paramref name="since"/> (at most a few seconds).</summary>
    public static async Task WaitAsync(NpgsqlConnection conn, DateTime since, CancellationToken ct)
    {
        var deadline = DateTime.UtcNow + Limit;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_catalog.pg_conf_load_time() >= $1", conn);
                cmd.Parameters.Add(new NpgsqlParameter { Value = since });
                if (await cmd.ExecuteScalarAsync(ct) is true) return;
            }
            catch (NpgsqlException) { return; }
            await Task.Delay(20, ct);
        }
    }

    [GeneratedRegex(@"\bpg_reload_conf\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex ReloadCall();
}
