using System.Reflection;
using System.Text;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// Files every sandbox of one sandbox root binds read-only: the sudo/su/systemctl shims, and as root the
/// pg_hba.conf.sample with LabRunner's line and a postgres-owned copy of the snakeoil SSL key. Written once per
/// version of their content (folder name), atomically, so concurrent LabRunners never see half a file.
/// </summary>
internal sealed record SharedFiles(string ShimDirectory, IReadOnlyList<(string Version, string Path)> HbaSamples, string? SnakeoilKey)
{
    private const int FormatVersion = 1;
    private const string SnakeoilKeyPath = "/etc/ssl/private/ssl-cert-snakeoil.key";

    /// <summary>
    /// Inside the sandbox root's user namespace, host root is unmapped: peer authentication would see "nobody". So, as root
    /// only, LabRunner's own connections (over the socket in the 0700 sandbox folder, which only root and the server's
    /// user can reach) are let in for the postgres role. Placed before @authcomment@, the line stays above Debian's
    /// "local all postgres peer" block in every cluster initdb makes from the sample (template, pg_createcluster).
    /// </summary>
    internal const string LabRunnerHbaLine =
        "# LabRunner sandbox: LabRunner (root outside, unmapped here) connects over the socket in its 0700 sandbox folder.\n" +
        "local   all             postgres                                trust\n";

    public static SharedFiles Ensure(string sandboxRoot, OsIdentity identity)
    {
        var dir = Path.Combine(sandboxRoot, $"shared-v{FormatVersion}");
        if (!Directory.Exists(dir)) Write(sandboxRoot, dir, identity);
        var samples = Directory.GetFiles(dir, "pg_hba.conf.sample-*")
            .Select(p => (Path.GetFileName(p)["pg_hba.conf.sample-".Length..], p)).ToList();
        var key = Path.Combine(dir, "ssl-cert-snakeoil.key");
        return new SharedFiles(Path.Combine(dir, "bin"), samples, File.Exists(key) ? key : null);
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
            foreach (var sample in Directory.Exists("/usr/share/postgresql") ? Directory.GetDirectories("/usr/share/postgresql") : [])
            {
                var file = Path.Combine(sample, "pg_hba.conf.sample");
                if (!File.Exists(file)) continue;
                if (WithLabRunnerLine(File.ReadAllText(file)) is { } text)
                    File.WriteAllText(Path.Combine(staging, "pg_hba.conf.sample-" + Path.GetFileName(sample)), text);
            }
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

    /// <summary>
    /// As root, LabRunner's copy of the pg_hba.conf.sample of a server install that is not Debian's (--pg-bin), written
    /// once beside the shared files (named by its folder); null when not root or the install has no sample.
    /// </summary>
    public string? HbaSampleFor(ServerInstall install, OsIdentity identity)
    {
        if (!identity.IsRoot || install.ShareDirectory is not { } share) return null;
        var key = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(share)))[..16];
        var path = Path.Combine(Path.GetDirectoryName(ShimDirectory)!, $"hba-sample-of-{install.Major}-{key}");
        if (File.Exists(path)) return path;
        if (WithLabRunnerLine(File.ReadAllText(Path.Combine(share, "pg_hba.conf.sample"))) is not { } text) return null;
        var staging = path + $".{Guid.NewGuid():N}";
        File.WriteAllText(staging, text);
        File.SetUnixFileMode(staging, (UnixFileMode)0b110_100_100);
        File.Move(staging, path, overwrite: true); // atomic: a concurrent sandbox reads the whole file or none
        return path;
    }

    private static string? WithLabRunnerLine(string sample)
    {
        var at = sample.IndexOf("\n@authcomment@", StringComparison.Ordinal);
        return at < 0 ? null : sample[..(at + 1)] + LabRunnerHbaLine + "\n" + sample[(at + 1)..];
    }

    private static string Resource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"LabRunner.Postgres.Shims.{name}")
            ?? throw new InvalidOperationException($"shim {name} is not embedded");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
