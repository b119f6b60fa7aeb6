using LabRunner.Checking;

namespace LabRunner.Tests.Support;

internal static class TestLabs
{
    public static string Seed => Path.Combine(TestPaths.RepoRoot, "Labs", "respaldo-autovacuum", "lab.yaml");
    public static string BuiltToFail => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "TestLabs", "built-to-fail", "lab.yaml");
    public static string Banco => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "TestLabs", "banco", "lab.yaml");
    public static string Grading => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "TestLabs", "grading", "lab.yaml");

    /// <summary>The seed lab's steps with nothing to compare (the second server started, then stopped): they end "ran".</summary>
    public static readonly IReadOnlySet<string> SeedStepsThatOnlyRun = new HashSet<string> { "start-copy", "stop-copy" };

    /// <summary>The verdict a seed step gets when all goes well: passed, or ran for the steps with nothing to compare.</summary>
    public static VerdictStatus SeedVerdict(string stepId) => SeedStepsThatOnlyRun.Contains(stepId) ? VerdictStatus.Ran : VerdictStatus.Passed;
}
