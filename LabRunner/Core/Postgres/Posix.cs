using System.Globalization;
using System.Runtime.InteropServices;

namespace LabRunner.Postgres;

/// <summary>
/// The few system calls the sandbox makes itself instead of spawning a program for each (`install -o`, `id -u`,
/// `pg_ctl stop`): every spawn costs milliseconds the student waits for.
/// </summary>
internal static class Posix
{
    public const int SigInt = 2;
    public const int SigQuit = 3;
    public const int SigKill = 9;

    [DllImport("libc", EntryPoint = "chown", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int NativeChown(string path, int owner, int group);

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int NativeKill(int pid, int signal);

    public static void Chown(string path, int uid, int gid)
    {
        if (NativeChown(path, uid, gid) != 0)
            throw new IOException($"chown {path}: errno {Marshal.GetLastPInvokeError()}");
    }

    /// <summary>Sends a signal; false when there is no such process (or no permission).</summary>
    public static bool Kill(int pid, int signal) => NativeKill(pid, signal) == 0;

    public static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    /// <summary>The uid and gid of a local user from /etc/passwd (system users such as postgres live there); null when absent.</summary>
    public static (int Uid, int Gid)? LocalUser(string name, string passwd = "/etc/passwd")
    {
        try
        {
            foreach (var line in File.ReadLines(passwd))
            {
                var f = line.Split(':');
                if (f.Length >= 4 && f[0] == name
                    && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                    && int.TryParse(f[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
                    return (uid, gid);
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }
}
