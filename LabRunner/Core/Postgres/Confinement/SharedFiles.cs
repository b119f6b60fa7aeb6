using System.Reflection;
using System.Text;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// Files every sandbox of one sandbox root binds read-only: the sudo/su/systemctl shims, and as root a postgres-owned
/// copy of the snakeoil SSL key. Written once per version of their content (folder name), atomically, so concurrent
/// LabRunners never see half a file. (pg_hba.conf stays Debian's: see <see cref="PeerIdentity"/> for how LabRunner,
/// as root, is let in.)
/// </summary>
internal sealed record SharedFiles(string ShimDirectory, string? SnakeoilKey)
{
    private const int FormatVersion = 2;
    private const string SnakeoilKeyPath = "/etc/ssl/private/ssl-cert-snakeoil.key";

    public static SharedFiles Ensure(string sandboxRoot, OsIdentity identity)
    {
        var dir = Path.Combine(sandboxRoot, $"shared-v{FormatVersion}");
        if (!Directory.Exists(dir)) Write(sandboxRoot, dir, identity);
        var key = Path.Combine(dir, "ssl-cert-snakeoil.key");
        return new SharedFiles(Path.Combine(dir, "bin"), File.Exists(key) ? key : null);
    }

    private static void Write(string sandboxRoot, string dir, OsIdentity identity)
    {
        var staging = Path.Combine(sandboxRoot, $".shared-{Guid.NewGuid():N}");
        var bin = Directory.CreateDirectory(Path.Combine(staging, "bin")).FullName;
        File.SetUnixFileMode(staging, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(bin, (UnixFileMode)0b111_101_101);
        foreach (var shim in new[] { "sudo", "su", "systemctl" })
        {
            var path = Path.Combine(bin, shim);
            File.WriteAllText(path, Resource(shim));
            File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        }
        if (identity.IsRoot)
        {
            // Debian's createcluster.conf turns ssl on with the snakeoil pair; the key is root's, which the user namespace
            // shows as nobody, and the server refuses such a key. A postgres-owned copy bound over it keeps `ssl = on`.
            if (File.Exists(SnakeoilKeyPath))
            {
                var key = Path.Combine(staging, "ssl-cert-snakeoil.key");
                File.Copy(SnakeoilKeyPath, key);
                File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                Posix.Chown(key, identity.PostgresUid, identity.PostgresGid);
            }
        }
        try { Directory.Move(staging, dir); }
        catch (IOException) when (Directory.Exists(dir)) { Directory.Delete(staging, recursive: true); }
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LabRunner.Postgres.Shims.{name}")
            ?? throw new InvalidOperationException($"shim {name} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
