using LabRunner.Postgres;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The template cache from cold (the suite's own cache is warm after its first run, so this is the test of the cold path):
/// sandboxes started at once on an empty cache each build what is missing, one copy wins (moved into place atomically),
/// both work, nothing half-made stays, and the next sandbox reuses it without building. Confined and plain alike.
/// </summary>
public sealed class TemplateCacheTests : IDisposable
{
    private readonly string _cache = Path.Combine(Path.GetTempPath(), "labrunner-cold-cache-" + Guid.NewGuid().ToString("N")[..8]);
    // As deep as a long $TMPDIR or user name makes it: the cold build once made a socket path too long to create here.
    private readonly string _root = Path.Combine(TestPaths.SandboxRoot, "cold-" + Guid.NewGuid().ToString("N")[..16]);

    public void Dispose()
    {
        if (Directory.Exists(_cache)) Directory.Delete(_cache, recursive: true);
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private Task<Sandbox> StartAsync(bool confine) => Sandbox.StartAsync(new SandboxOptions
    {
        Database = "curso", RootDirectory = _root, CacheDirectory = _cache, Confine = confine,
    }, CancellationToken.None);

    private static async Task<string> DatabaseOfAsync(Sandbox sandbox)
    {
        await using var conn = new NpgsqlConnection(sandbox.ConnectionString("curso").ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT current_database()", conn);
        return (string)(await cmd.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Concurrent_sandboxes_on_a_cold_cache_build_it_once_and_the_next_one_reuses_it(bool confine)
    {
        await TestSoftware.RequirePostgresAsync();
        Assert.False(Directory.Exists(_cache));

        var first = StartAsync(confine);
        var second = StartAsync(confine);
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

        await using (var warm = await StartAsync(confine)) Assert.Equal("curso", await DatabaseOfAsync(warm));

        Assert.Equal(built, Directory.GetDirectories(_cache).ToDictionary(d => d, Directory.GetLastWriteTimeUtc));
    }
}
