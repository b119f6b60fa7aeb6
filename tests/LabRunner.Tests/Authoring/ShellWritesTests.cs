using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

/// <summary>What a shell step writes to, read from its text for `validate`'s warning about writes outside the lab's folders.</summary>
public sealed class ShellWritesTests
{
    [Theory]
    [InlineData("echo hola > /root/nota.txt", "/root/nota.txt")]
    [InlineData("pg_dump curso >> /home/alumno/curso.sql", "/home/alumno/curso.sql")]
    [InlineData("psql -c 'SELECT 1' 2>&1 | tee -a /srv/log.txt", "/srv/log.txt")]
    [InlineData("sudo -u postgres cp -a /var/lib/postgresql/15/main /backup/main", "/backup/main")]
    [InlineData("rsync -a --exclude pg_wal {{data_directory}}/ /mnt/respaldo/", "/mnt/respaldo/")]
    [InlineData("sudo mkdir -p /opt/archivo && sudo chown postgres /opt/archivo", "/opt/archivo")]
    [InlineData("pg_basebackup -D /respaldos/base -Fp -Xs", "/respaldos/base")]
    [InlineData("pg_dump --file=/root/x.sql curso", "/root/x.sql")]
    [InlineData("tar -xf base.tar -C /srv/restaurado", "/srv/restaurado")]
    [InlineData("cat > /etc/cron.d/backup <<'FIN'\n0 3 * * * postgres pg_dump curso > /var/backups/curso.sql\nFIN", "/etc/cron.d/backup")]
    [InlineData("touch /usr/local/x \\\n  /etc/y", "/usr/local/x, /etc/y")]
    public void Writes_outside_the_labs_folders_are_found(string script, string expected) =>
        Assert.Equal(expected, string.Join(", ", ShellWrites.Outside(script)));

    [Theory]
    [InlineData("rsync -a {{data_directory}}/ {{backup_dir}}/")]
    [InlineData("pg_basebackup -D /var/lib/postgresql/15/standby -R")]
    [InlineData("echo 'wal_level = replica' >> /etc/postgresql/15/main/postgresql.conf")]
    [InlineData("psql -c 'SELECT 1' > salida.txt 2>&1")]
    [InlineData("pg_dump curso > /tmp/curso.sql; cp /tmp/curso.sql ./copia.sql")]
    [InlineData("cp /etc/hosts .")] // reads /etc/hosts, writes here
    [InlineData("cat /etc/passwd | grep postgres > /dev/null")]
    [InlineData("echo 'a > /root/b'")] // quoted: no redirection
    [InlineData("ls -l /etc # > /root/x")]
    public void Writes_inside_the_labs_folders_or_reads_anywhere_are_not(string script) =>
        Assert.Empty(ShellWrites.Outside(script));
}
