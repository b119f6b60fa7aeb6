using System.Runtime.InteropServices;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// Runs a piece of blocking work (opening a socket) on a thread of its own that first joins a sandbox's network
/// namespace: the socket is made there, so 127.0.0.1:5432 is the sandbox's loopback, never the host's, and it keeps
/// that namespace for its life while the rest of LabRunner stays on the host's network. The thread ends with the work
/// (nothing else ever runs in the namespace). Joining needs CAP_SYS_ADMIN: LabRunner must run as root.
/// </summary>
internal static class NetworkNamespace
{
    private const int CloneNewNet = 0x40000000;

    public static Task<T> RunInAsync<T>(int holderPid, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                Join(holderPid);
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        { IsBackground = true, Name = "labrunner-netns" };
        thread.Start();
        return done.Task;
    }

    private static void Join(int holderPid)
    {
        var fd = Open($"/proc/{holderPid}/ns/net", 0x80000 /* O_RDONLY | O_CLOEXEC */);
        if (fd < 0) throw new PostgresUnavailableException($"cannot reach the sandbox's network (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (SetNs(fd, CloneNewNet) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                throw new PostgresUnavailableException(errno == 1
                    ? "a session over TCP reaches the sandbox's network, which needs LabRunner to run as root"
                    : $"cannot join the sandbox's network (errno {errno})");
            }
        }
        finally
        {
            _ = Close(fd); // a read-only descriptor: nothing to flush, nothing to report
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true, CharSet = CharSet.Ansi, BestFitMapping = false)]
    private static extern int Open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static extern int SetNs(int fd, int nstype);
}
