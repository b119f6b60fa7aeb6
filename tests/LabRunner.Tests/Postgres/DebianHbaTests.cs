using LabRunner.Postgres;
using LabRunner.Postgres.Confinement;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The sandbox's pg_hba.conf is the one Debian's pg_createcluster writes, line for line (labs read pg_hba_file_rules):
/// LabRunner, as root unmapped in the sandbox's user namespace, gets in through Debian's own `local all postgres peer`.
/// </summary>
public sealed class DebianHbaTests
{
    /// <summary>A sandbox of its own: the shared one's pg_hba.conf is changed by other tests (class logins).</summary>
    [Fact]
    public async Task The_sandboxs_pg_hba_conf_is_Debians_byte_for_byte_and_LabRunner_gets_in_by_peer()
    {
        await TestSoftware.RequirePostgresAsync();
        await using var sandbox = await Sandbox.StartAsync(new SandboxOptions { Database = "postgres", RootDirectory = TestPaths.SandboxRoot }, CancellationToken.None);
        var path = $"/etc/postgresql/{sandbox.MajorVersion}/main/pg_hba.conf";
        var file = await File.ReadAllTextAsync(sandbox.HostPath(path));
        Assert.DoesNotContain("LabRunner", file, StringComparison.OrdinalIgnoreCase);
        // CI installs Debian's postgresql package, which makes the host's own main cluster with the same pg_createcluster.
        Assert.True(File.Exists(path), $"{path} is missing: this test compares with the host's Debian cluster (apt-get install postgresql makes it)");
        Assert.Equal(await File.ReadAllTextAsync(path), file);

        await using var conn = new NpgsqlConnection(sandbox.ConnectionString("postgres").ConnectionString); // LabRunner's own login, as root: peer as postgres
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            "SELECT line_number, type, array_to_string(database, ','), array_to_string(user_name, ','), coalesce(address, ''), auth_method FROM pg_hba_file_rules ORDER BY line_number", conn);
        var rules = new List<string>();
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                rules.Add(string.Join(' ', Enumerable.Range(0, 6).Select(i => reader.GetValue(i).ToString())));

        Assert.Equal(
        [
            "90 local all postgres  peer",
            "95 local all all  peer",
            "97 host all all 127.0.0.1 scram-sha-256",
            "99 host all all ::1 scram-sha-256",
            "102 local replication all  peer",
            "103 host replication all 127.0.0.1 scram-sha-256",
            "104 host replication all ::1 scram-sha-256",
        ], rules);
    }

    [Fact]
    public void The_overflow_uid_is_named_postgres_after_postgres_own_line()
    {
        string[] passwd =
        [
            "root:x:0:0:root:/root:/bin/bash",
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin",
            "postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash",
            "alumno:x:1000:1000::/home/alumno:/bin/bash",
        ];

        var text = PeerIdentity.Passwd(passwd, "65534");

        Assert.Equal(
            "root:x:0:0:root:/root:/bin/bash\n" +
            "postgres:x:101:104:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash\n" +
            "postgres:x:65534:65534:PostgreSQL administrator,,,:/var/lib/postgresql:/bin/bash\n" +
            "alumno:x:1000:1000::/home/alumno:/bin/bash\n" +
            "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n", text);
    }
}
