using System.Runtime.InteropServices;

namespace LabRunner.Postgres.Confinement;

/// <summary>The few libc calls .NET has no API for.</summary>
internal static class Posix
{
    public static void Chown(string path, uint uid, uint gid)
    {
        if (LChown(path, uid, gid) != 0)
            throw new IOException($"cannot change the owner of {path} (errno {Marshal.GetLastPInvokeError()})");
    }

    /// <summary>The owner of a path (not following a symlink), from statx.</summary>
    public static (uint Uid, uint Gid) Owner(string path)
    {
        var buffer = new byte[256];
        // statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_UID | STATX_GID, buf): stx_uid at offset 20, stx_gid at 24.
        if (Statx(-100, path, 0x100, 0x8 | 0x10, buffer) != 0)
            throw new IOException($"cannot read the owner of {path} (errno {Marshal.GetLastPInvokeError()})");
        return (BitConverter.ToUInt32(buffer, 20), BitConverter.ToUInt32(buffer, 24));
    }

    /// <summary>"inode size ctime mtime" of a path (following symlinks), from statx; null when it cannot be read.
    /// A file replaced or rewritten gets another inode or change time, even when its size and mtime were kept.</summary>
    public static string? Stamp(string path)
    {
        var b = new byte[256];
        // STATX_INO | STATX_SIZE | STATX_CTIME | STATX_MTIME; stx_ino @32, stx_size @40, stx_ctime @96, stx_mtime @112 (sec i64, nsec u32).
        if (Statx(-100, path, 0, 0x100 | 0x200 | 0x80 | 0x40, b) != 0) return null;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{BitConverter.ToUInt64(b, 32)} {BitConverter.ToUInt64(b, 40)} {BitConverter.ToInt64(b, 96)}.{BitConverter.ToUInt32(b, 104):D9} {BitConverter.ToInt64(b, 112)}.{BitConverter.ToUInt32(b, 120):D9}");
    }

    public static bool Kill(int pid, int signal) => KillNative(pid, signal) == 0;

    [DllImport("libc", EntryPoint = "lchown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int LChown([MarshalAs(UnmanagedType.LPStr)] string path, uint owner, uint group);

    [DllImport("libc", EntryPoint = "statx", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Statx(int dirfd, [MarshalAs(UnmanagedType.LPStr)] string path, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int KillNative(int pid, int signal);
}
