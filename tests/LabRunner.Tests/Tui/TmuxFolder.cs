using System.Diagnostics;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The folder a tmux test's labrunner works in (its TMPDIR and data), traversable by the postgres user, removed in
/// every path: made in the constructor (removed again if that fails), deleted on Dispose, retrying while processes that
/// were ending still write in it. Before: a failed walk left /tmp/lr-walk-* behind (the delete's IOException was
/// swallowed while labrunner, killed with its tmux session, was still removing its sandbox).
/// </summary>
public sealed class TmuxFolder : IDisposable
{
    private static readonly TimeSpan DeleteFor = TimeSpan.FromSeconds(30);

    public TmuxFolder(string prefix)
    {
        Path = Directory.CreateTempSubdirectory(prefix).FullName;
        try { File.SetUnixFileMode(Path, (UnixFileMode)0b111_101_101); } // postgres must traverse to its sandbox
        catch
        {
            Dispose();
            throw;
        }
    }

    public string Path { get; }

    public void Dispose()
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
                return;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException && clock.Elapsed < DeleteFor)
            {
                Thread.Sleep(100); // polling interval: the folder is deleted once nothing writes in it
            }
        }
    }
}
