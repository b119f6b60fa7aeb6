using LabRunner.Postgres;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The template cache from cold: sandboxes started at once on an empty cache each build what is missing, one copy wins
/// (moved into place atomically), both work, nothing half-made stays, and the next sandbox reuses it without building.
/// </summary>
public sealed class TemplateCacheTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "labrunner-cold-cache-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
    }

    private Task<Sandbox> StartAsync() => Sandbox.StartAsync(new SandboxOptions
    {
        Database = "curso", RootDirectory = TestPaths.SandboxRoot, CacheDirectory = _cache,
    }, CancellationToken.None);

    private static async Task<string> DatabaseOfAsync(Sandbox sandbox)
    {
        await using var conn = new NpgsqlConnection(sandbox.ConnectionString("curso").ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_database()", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Concurrent_sandboxes_on_a_cold_cache_build_it_once_and_the_next_one_reuses_it()
    {
        await TestSoftware.RequirePostgresAsync();
        Assert.False(Directory.Exists(_cache));

        var first = StartAsync();
        var second = StartAsync();
        await using (var a = await first)
        await using (var b = await second)
        {
            Assert.Equal("curso", await DatabaseOfAsync(a));
            Assert.Equal("curso", await DatabaseOfAsync(b));
        }

        // One template per PostgreSQL version and one for the lab database; no staging copy left by the builder that lost.
        var templates = Directory.GetDirectories(_cache).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.True(templates.Count == 2, "cache holds: " + string.Join(", ", templates));
        Assert.DoesNotContain(templates, t => t!.StartsWith('.'));
        var built = Directory.GetDirectories(_cache).ToDictionary(d => d, Directory.GetLastWriteTimeUtc);

        await using (var warm = await StartAsync()) Assert.Equal("curso", await DatabaseOfAsync(warm));

        Assert.Equal(built, Directory.GetDirectories(_cache).ToDictionary(d => d, Directory.GetLastWriteTimeUtc));
    }
}
