namespace LabRunner.Tests.Support;

internal static class TestLabs
{
    public static string Seed => Path.Combine(TestPaths.RepoRoot, "Labs", "respaldo-autovacuum", "lab.yaml");
    public static string BuiltToFail => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "TestLabs", "built-to-fail", "lab.yaml");
    public static string Banco => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "TestLabs", "banco", "lab.yaml");
    public static string Grading => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "TestLabs", "grading", "lab.yaml");
}
