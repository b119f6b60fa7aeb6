namespace LabRunner.Postgres;

/// <summary>
/// The folder that holds one user's sandboxes ($TMPDIR/labrunner-USER). Its name is predictable, so another local user
/// could make it first (planting a fake leftover for the janitor to "clean", or a symlink for LabRunner to chmod).
/// LabRunner creates it private and refuses one that is a symlink, is not the current user's, or others may write.
/// As root it is 0711: the sandboxes' own user (postgres) must pass through it, but may not list it; each sandbox
/// folder inside is then 0700 and owned by the server's user.
/// </summary>
public static class SandboxRoot
{
    public static string DefaultPath() =>
        Path.Combine(Path.GetTempPath(), $"labrunner-{(Environment.IsPrivilegedProcess ? "root" : Environment.UserName)}");

    /// <summary>Creates the folder (or checks the existing one) and returns its full path.</summary>
    public static string Ensure(string? path)
    {
        var root = Path.GetFullPath(path ?? DefaultPath());
        // The servers' sockets live below it (…/sandbox-template-XXXXXXXXXX/run/postgresql/.s.PGSQL.NNNNN), and a Unix
        // socket's path holds at most 107 bytes: a longer root would fail deep inside a start, so say it here.
        const int Below = 58;
        if (System.Text.Encoding.UTF8.GetByteCount(root) + Below > 107)
            throw new UserErrorException($"The sandbox folder {root} is too long for the servers' Unix sockets (at most " +
                $"{107 - Below} bytes): set TMPDIR to a shorter folder (TMPDIR=/tmp).");
        var mode = Environment.IsPrivilegedProcess ? (UnixFileMode)0b111_001_001 : (UnixFileMode)0b111_000_000;
        var parent = Path.GetDirectoryName(root);
        if (parent is not null && !Directory.Exists(parent)) Directory.CreateDirectory(parent);
        try
        {
            Directory.CreateDirectory(root, mode);
        }
        catch (IOException) when (File.Exists(root)) { throw Refuse(root, "it is a file"); }
        var info = new DirectoryInfo(root);
        if (info.LinkTarget is not null) throw Refuse(root, $"it is a symbolic link (to {info.LinkTarget})");
        var owner = Confinement.OsIdentity.GetUid();
        var stat = Stat(root);
        if (stat.Uid != owner) throw Refuse(root, $"it belongs to another user (uid {stat.Uid})");
        if ((info.UnixFileMode & (UnixFileMode.GroupWrite | UnixFileMode.OtherWrite)) != 0 || (info.UnixFileMode & ~mode) != 0)
            File.SetUnixFileMode(root, mode); // ours: make it private again
        return root;
    }

    private static UserErrorException Refuse(string root, string why) =>
        new($"Refusing the sandbox folder {root}: {why}. Remove it (or set TMPDIR elsewhere) and try again.");

    private static (uint Uid, uint Gid) Stat(string path) => Confinement.Posix.Owner(path); // .NET has no owner API
}
