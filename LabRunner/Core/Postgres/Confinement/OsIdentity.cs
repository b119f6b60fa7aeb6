using System.Globalization;
using System.Runtime.InteropServices;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// Who the sandbox runs as. Inside the confinement every process is the `postgres` OS user (its uid/gid from the
/// host's /etc/passwd, which the sandbox sees). Outside, that is postgres itself when LabRunner runs as root
/// (PostgreSQL refuses root, and no step may run as root), or the user who started LabRunner otherwise.
/// </summary>
internal sealed record OsIdentity(bool IsRoot, uint PostgresUid, uint PostgresGid)
{
    public const string PostgresUser = "postgres";

    /// <summary>The uid/gid that own the sandbox's files on the host.</summary>
    public uint OwnerUid => IsRoot ? PostgresUid : GetUid();
    public uint OwnerGid => IsRoot ? PostgresGid : GetGid();

    /// <summary>The argv prefix that runs a host command as the owner (root drops to postgres first; setpriv execs, no PAM).</summary>
    public IReadOnlyList<string> AsOwner => IsRoot
        ? ["setpriv", $"--reuid={PostgresUser}", $"--regid={PostgresUser}", "--init-groups", "--"]
        : [];

    /// <summary>postgres's uid/gid, or null when the host has no postgres user (then the sandbox cannot be confined).</summary>
    public static OsIdentity? Detect()
    {
        var entry = PasswdEntry(PostgresUser);
        if (entry is null) return null;
        return new OsIdentity(Environment.IsPrivilegedProcess, entry.Value.Uid, entry.Value.Gid);
    }

    private static (uint Uid, uint Gid)? PasswdEntry(string user)
    {
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var f = line.Split(':');
                if (f.Length >= 4 && f[0] == user
                    && uint.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                    && uint.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                    return (uid, gid);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    [DllImport("libc", EntryPoint = "getuid")]
    internal static extern uint GetUid();

    [DllImport("libc", EntryPoint = "getgid")]
    internal static extern uint GetGid();
}
