using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Execution;

/// <summary>
/// A session that logs in as the lab's role over TCP (`psql -h 127.0.0.1 -p 5432 -U alumno -d curso`) reaches the
/// sandbox's server on the sandbox's own loopback, where Debian's pg_hba.conf host rule asks for the role's password.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class TcpLoginTests(SandboxFixture fx)
{
    [Fact]
    public async Task A_session_logs_in_as_the_labs_role_over_the_sandboxs_loopback()
    {
        var db = await fx.CreateDatabaseAsync("tcp");
        var role = "alumno_" + Guid.NewGuid().ToString("N")[..6];
        await using var ex = new StepExecutor(fx.Sandbox);
        await ex.SqlAsync($"CREATE ROLE {role} LOGIN PASSWORD 'clave123';", db);
        var login = new SessionLogin(role, "127.0.0.1", 5432, "clave123");

        var tcp = await ex.ExecuteAsync(new SqlAction("SELECT current_user, inet_server_addr(), inet_server_port(), pg_backend_pid() AS pid;") { Database = db, Login = login },
            Consent.None, null, null, CancellationToken.None);

        var row = Assert.Single(Assert.IsType<ResultSet>(tcp.Results[0]).Rows);
        Assert.Equal([role, "127.0.0.1", fx.Sandbox.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)], row.Take(3));
        // The sandbox's server itself saw a TCP client from its loopback, logged in by password.
        await using var conn = await fx.OpenAsync(db);
        await using var cmd = new NpgsqlCommand($"SELECT usename, client_addr::text FROM pg_stat_activity WHERE pid = {row[3]}", conn);
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            Assert.True(await reader.ReadAsync());
            Assert.Equal(role, reader.GetString(0));
            Assert.Equal("127.0.0.1/32", reader.GetString(1));
        }

        // The next step without a login is LabRunner's own session again, over the socket.
        var back = await ex.SqlAsync("SELECT current_user, inet_server_addr() IS NULL AS socket;", db);
        Assert.Contains("postgres     | t", back.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_the_host_rule_as_psql_shows_it()
    {
        var db = await fx.CreateDatabaseAsync("tcp");
        var role = "alumno_" + Guid.NewGuid().ToString("N")[..6];
        await using var ex = new StepExecutor(fx.Sandbox);
        await ex.SqlAsync($"CREATE ROLE {role} LOGIN PASSWORD 'clave123';", db);

        var refused = await ex.ExecuteAsync(new SqlAction("SELECT 1;") { Database = db, Login = new SessionLogin(role, "localhost", 5432, "otra") },
            Consent.None, null, null, CancellationToken.None);

        var error = Assert.IsType<StatementError>(Assert.Single(refused.Results));
        Assert.Equal("28P01", error.SqlState);
        Assert.Equal($"password authentication failed for user \"{role}\"", error.Message);
    }
}
