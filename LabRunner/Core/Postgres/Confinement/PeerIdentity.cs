using System.Globalization;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// As root, LabRunner reaches its sandbox's servers over their sockets from outside the sandbox's user namespace, where
/// host root is unmapped: a server sees the kernel's overflow uid (65534, "nobody"), and Debian's
/// `local all postgres peer` would refuse it. Instead of a rule of its own in pg_hba.conf (which must stay Debian's,
/// line for line: labs read pg_hba_file_rules), the sandbox's /etc/passwd names that uid "postgres" too, on a line after
/// the real postgres (whose own lookups are unchanged; "nobody" moves to the end). Only root and postgres can reach the
/// socket (the 0700 sandbox folder), exactly who could before. Root-owned host files, unmapped inside, then show as
/// owned by postgres instead of nobody.
/// </summary>
internal static class PeerIdentity
{
    public const string FileName = "passwd";

    /// <summary>Writes the sandbox's passwd into its folder (each boot: the host's may have changed); null when not root.</summary>
    public static string? Write(SandboxLayout layout, OsIdentity identity)
    {
        if (!identity.IsRoot || !File.Exists("/etc/passwd")) return null;
        var text = Passwd(File.ReadAllLines("/etc/passwd"), OverflowUid());
        if (text is null) return null;
        var path = Path.Combine(layout.Root, FileName);
        var staging = path + $".{Guid.NewGuid():N}";
        File.WriteAllText(staging, text);
        File.SetUnixFileMode(staging, (UnixFileMode)0b110_100_100);
        File.Move(staging, path, overwrite: true);
        return path;
    }

    /// <summary>The host's passwd with the overflow uid named postgres right after postgres's own line; null without a postgres line.</summary>
    internal static string? Passwd(IReadOnlyList<string> lines, string overflowUid)
    {
        static string[] Fields(string line) => line.Split(':');
        var postgres = lines.ToList().FindIndex(l => Fields(l) is [OsIdentity.PostgresUser, ..]);
        if (postgres < 0) return null;
        var overflow = lines.Where(l => Fields(l) is [_, _, var uid, ..] && uid == overflowUid).ToList();
        var kept = lines.Where(l => !overflow.Contains(l)).ToList();
        var at = kept.FindIndex(l => Fields(l) is [OsIdentity.PostgresUser, ..]);
        var own = Fields(lines[postgres]);
        kept.Insert(at + 1, $"{OsIdentity.PostgresUser}:x:{overflowUid}:{overflowUid}:{own.ElementAtOrDefault(4)}:{own.ElementAtOrDefault(5)}:{own.ElementAtOrDefault(6)}");
        kept.AddRange(overflow);
        return string.Join('\n', kept) + "\n";
    }

    private static string OverflowUid()
    {
        try { return File.ReadAllText("/proc/sys/kernel/overflowuid").Trim(); }
        catch (IOException) { return 65534.ToString(CultureInfo.InvariantCulture); }
    }
}
