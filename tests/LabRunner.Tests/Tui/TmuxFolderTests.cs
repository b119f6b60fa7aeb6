namespace LabRunner.Tests.Tui;

/// <summary>
/// A tmux test's folder is removed however the test ends. Before: a failed walk killed its tmux session and deleted the
/// folder at once while labrunner, on its way out, still wrote in it; the IOException was swallowed and /tmp/lr-walk-*
/// stayed.
/// </summary>
public sealed class TmuxFolderTests
{
    [Fact]
    public void The_folder_is_gone_even_when_the_terminals_program_still_writes_in_it_as_the_test_ends()
    {
        string path;
        var finished = Path.Combine(Path.GetTempPath(), "lr-folder-test-finished-" + Guid.NewGuid().ToString("N"));
        using (var folder = new TmuxFolder("lr-folder-test-"))
        {
            path = folder.Path;
            var ready = Path.Combine(path, "ready");
            // Like labrunner killed with its session: on SIGHUP it goes on writing in the folder for a second.
            var writer = $"trap 'for i in $(seq 1 20); do mkdir -p \"{path}/late/x$i\"; sleep 0.05; done; touch \"{finished}\"; exit 0' HUP; touch '{ready}'; sleep 300 & wait";
            using var tmux = new Tmux("sh -c " + ShellQuote(writer), 80, 24);
            tmux.WaitFor(_ => File.Exists(ready), TimeSpan.FromSeconds(30), "the writer to start");
            // The test fails here: what runs after is its cleanup (tmux, then the folder).
        }
        try
        {
            // Once the writer has finished (whenever that is), nothing of the folder is left.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (!File.Exists(finished) && clock.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(50); // polling interval
            Assert.True(File.Exists(finished), "the writer should finish");
            Assert.False(Directory.Exists(path), $"{path} was left behind");
        }
        finally
        {
            File.Delete(finished);
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
        }
    }

    private static string ShellQuote(string s) => "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
