using LabRunner.Postgres;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Postgres;

[Collection(SandboxCollection.Name)]
public sealed class ExistingServerTests(SandboxFixture fx)
{
    [Fact]
    public async Task A_uri_connection_reaches_the_server_and_reports_its_version_and_database()
    {
        var db = await fx.CreateDatabaseAsync();
        var uri = $"postgresql://postgres@/{db}?host={fx.Sandbox.SocketDirectory}&port={fx.Sandbox.Port}";

        await using var server = await ExistingServer.ConnectAsync(uri, null, CancellationToken.None);

        Assert.Equal(fx.Sandbox.Version, server.Version);
        Assert.Equal(fx.Sandbox.MajorVersion, server.MajorVersion);
        Assert.Equal(db, server.Database);
        Assert.Equal(fx.Sandbox.DataDirectory, server.DataDirectory);
        Assert.Equal(db, server.PgEnvironment()["PGDATABASE"]);
    }

    [Fact]
    public async Task An_unreachable_server_is_one_clear_error()
    {
        var e = await Assert.ThrowsAsync<PostgresUnavailableException>(() =>
            ExistingServer.ConnectAsync("host=/nonexistent/socket port=5999 user=postgres dbname=x", null, CancellationToken.None));

        Assert.StartsWith("Cannot connect to /nonexistent/socket:5999/x", e.Message);
    }
}
