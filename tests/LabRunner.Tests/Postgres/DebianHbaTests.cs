using LabRunner.Postgres.Confinement;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Postgres;

/// <summary>
/// The sandbox's pg_hba.conf is the one Debian's pg_createcluster writes, line for line (labs read pg_hba_file_rules):
/// LabRunner, as root unmapped in the sandbox's user namespace, gets in through Debian's own `local all postgres peer`.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class DebianHbaTests(SandboxFixture fx)
{
    [Fact]
    public async Task The_sandboxs_rules_are_Debians_at_Debians_lines()
    {
        var file = await File.ReadAllTextAsync(fx.Sandbox.HostPath($"/etc/postgresql/{fx.Sandbox.MajorVersion}/main/pg_hba.conf"));
        Assert.DoesNotContain("LabRunner", file, StringComparison.OrdinalIgnoreCase);

        await using var conn = await fx.OpenAsync("postgres"); // LabRunner's own login, as root: peer as postgres
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
    public async Task The_file_is_byte_identical_to_the_hosts_own_Debian_cluster_when_it_has_one()
    {
        var host = $"/etc/postgresql/{fx.Sandbox.MajorVersion}/main/pg_hba.conf";
        var sandbox = await File.ReadAllTextAsync(fx.Sandbox.HostPath(host));
        // CI installs Debian's postgresql package, which makes the host's own main cluster with the same pg_createcluster.
        Assert.True(File.Exists(host), $"{host} is missing: this test compares with the host's Debian cluster (apt-get install postgresql makes it)");
        Assert.Equal(await File.ReadAllTextAsync(host), sandbox);
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
