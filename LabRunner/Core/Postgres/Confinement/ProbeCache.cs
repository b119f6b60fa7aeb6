using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// bubblewrap's probe (a namespace made and ended, about 0.2 s on every start) remembered in the user's cache folder
/// for as long as nothing it depended on can have changed: the same bwrap binary (path, inode, size, change and
/// modification times), the same kernel boot (boot_id), the same user-namespace sysctls, the same users. Only a success
/// is remembered. A remembered success is a hint, never a reason to run unconfined: when the namespace holder then does
/// not start, the sandbox forgets it and probes again (<see cref="Bubblewrap.Recheck(PgBinaries, string?)"/>).
/// </summary>
internal static class ProbeCache
{
    private const int FormatVersion = 1;

    private static readonly string[] UserNamespaceSysctls =
    [
        "/proc/sys/kernel/unprivileged_userns_clone",
        "/proc/sys/user/max_user_namespaces",
        "/proc/sys/kernel/apparmor_restrict_unprivileged_userns",
    ];

    /// <summary>The file remembering the probe of <paramref name="program"/> (a bwrap path or name).</summary>
    public static string FileFor(string cacheDirectory, string program) =>
        Path.Combine(cacheDirectory, "bwrap-probe-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(program)))[..16]);

    /// <summary>What the probe's verdict depends on, one line each; null when it cannot be told (then nothing is remembered).</summary>
    public static string? Key(string bwrapPath, OsIdentity identity)
    {
        var bwrap = Posix.Stamp(bwrapPath);
        var boot = ReadLine("/proc/sys/kernel/random/boot_id");
        if (bwrap is null || string.IsNullOrEmpty(boot)) return null;
        var sysctls = string.Join(' ', UserNamespaceSysctls.Select(f => ReadLine(f) ?? "-"));
        return string.Join('\n',
            $"labrunner bwrap probe v{FormatVersion}",
            $"bwrap {bwrapPath} {bwrap}",
            $"boot {boot}",
            $"userns {sysctls}",
            string.Create(CultureInfo.InvariantCulture, $"users {OsIdentity.GetUid()} {identity.IsRoot} {identity.PostgresUid}:{identity.PostgresGid}")) + "\n";
    }

    /// <summary>True when <paramref name="file"/> remembers a success under exactly this key.</summary>
    public static bool IsTrusted(string file, string key)
    {
        try { return File.ReadAllText(file) == key; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    public static void Remember(string file, string key)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            AtomicFile.Write(file, s => s.Write(Encoding.UTF8.GetBytes(key)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a read-only home: probe every time
    }

    public static void Forget(string file)
    {
        try { File.Delete(file); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    private static string? ReadLine(string path)
    {
        try { return File.ReadAllText(path).Trim(); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }
}
