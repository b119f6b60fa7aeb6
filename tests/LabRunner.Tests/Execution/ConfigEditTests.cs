using LabRunner.Execution;

namespace LabRunner.Tests.Execution;

/// <summary>A config edit applies the lab's lines as a person does in vi.</summary>
public sealed class ConfigEditTests
{
    private const string Conf = "#wal_level = replica\t\t\t# minimal, replica, or logical\nport = 5432\nshared_buffers = 128MB\n";

    [Fact]
    public void A_setting_replaces_its_active_line()
    {
        var edited = ConfigEdit.Apply("/etc/postgresql/15/main/postgresql.conf", Conf, "shared_buffers = 256MB\n");

        Assert.Equal("#wal_level = replica\t\t\t# minimal, replica, or logical\nport = 5432\nshared_buffers = 256MB\n", edited);
    }

    [Fact]
    public void A_setting_without_an_active_line_uncomments_its_default()
    {
        var edited = ConfigEdit.Apply("/etc/postgresql/15/main/postgresql.conf", Conf, "wal_level = logical");

        Assert.Equal("wal_level = logical\nport = 5432\nshared_buffers = 128MB\n", edited);
    }

    [Fact]
    public void An_unknown_setting_is_appended()
    {
        var edited = ConfigEdit.Apply("/etc/postgresql/15/main/postgresql.conf", Conf, "max_slot_wal_keep_size = 1GB");

        Assert.EndsWith("shared_buffers = 128MB\nmax_slot_wal_keep_size = 1GB\n", edited);
    }

    [Fact]
    public void Hba_rules_are_appended_once()
    {
        const string hba = "local   all             postgres                                peer\n";
        const string rule = "host    replication     replicador      127.0.0.1/32            scram-sha-256";

        var once = ConfigEdit.Apply("/etc/postgresql/15/main/pg_hba.conf", hba, rule);
        var twice = ConfigEdit.Apply("/etc/postgresql/15/main/pg_hba.conf", once, "host replication replicador 127.0.0.1/32 scram-sha-256");

        Assert.Equal(hba + rule + "\n", once);
        Assert.Equal(once, twice);
    }
}
