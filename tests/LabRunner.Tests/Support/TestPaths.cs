namespace LabRunner.Tests.Support;

public static class TestPaths
{
    /// <summary>The repository root (holds LabRunner.sln).</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// Sandboxes made by tests live apart from a user's own, so the leftover check can count them. Every test that makes
    /// a sandbox asks for this first: a machine without PostgreSQL gets it installed here, once, when the run may install.
    /// </summary>
    public static string SandboxRoot
    {
        get
        {
            TestSoftware.InstallIfAllowed();
            return SandboxDirectory;
        }
    }

    /// <summary>
    /// One root per checkout: two checkouts' suites running at once (a branch and a CI clone) must not see each other's
    /// sandboxes, or one's janitor or spares could take a folder the other is filling. Short: a Unix socket's path must
    /// fit in 108 bytes, and the cold-cache tests nest folders in it (as long as the old shared root).
    /// </summary>
    private static readonly string SandboxDirectory = Path.Combine(Path.GetTempPath(),
        $"labrunner-tests-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Environment.UserName + RepoRoot)))[..4]}");

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "LabRunner.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("LabRunner.sln not found above " + AppContext.BaseDirectory);
    }

    public static string LabrunnerDll => Path.Combine(AppContext.BaseDirectory, "labrunner.dll");
}
