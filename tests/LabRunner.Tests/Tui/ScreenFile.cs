using LabRunner.Tests.Support;

namespace LabRunner.Tests.Tui;

/// <summary>
/// Whole-screen assertions, like Terminal.Gui's DriverAssert: the screen at a fixed size is compared, line by line
/// (trailing spaces ignored), with an expected file under Tui/Screens. A difference fails with both screens and the
/// first differing line. LABRUNNER_UPDATE_SCREENS=1 writes the expected files from the screens shown (and still fails,
/// so that nobody mistakes an update for a pass): review them with git diff, then run again.
/// </summary>
internal static class ScreenFile
{
    private static string Folder => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Tui", "Screens");

    public static void AssertMatches(string name, string screen)
    {
        var actual = Normalise(screen);
        var path = Path.Combine(Folder, name + ".txt");
        if (Environment.GetEnvironmentVariable("LABRUNNER_UPDATE_SCREENS") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, actual);
            Assert.Fail($"wrote {path}: review it and run again without LABRUNNER_UPDATE_SCREENS");
        }
        Assert.True(File.Exists(path), $"no expected screen {path}; run with LABRUNNER_UPDATE_SCREENS=1 to write it. Screen:\n{actual}");
        var expected = Normalise(File.ReadAllText(path));
        if (expected == actual) return;
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Max(e.Length, a.Length)).First(k => k >= e.Length || k >= a.Length || e[k] != a[k]);
        Assert.Fail($"screen {name} differs from line {line + 1}:\n  expected: {e.ElementAtOrDefault(line)}\n  actual:   {a.ElementAtOrDefault(line)}\n" +
                    $"--- expected\n{expected}\n--- actual\n{actual}");
    }

    private static string Normalise(string screen) =>
        string.Join('\n', screen.Replace("\r\n", "\n").TrimEnd('\n').Split('\n').Select(l => l.TrimEnd())) + "\n";
}
