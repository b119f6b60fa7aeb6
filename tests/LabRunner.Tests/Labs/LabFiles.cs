using LabRunner.Tests.Support;

namespace LabRunner.Tests.Labs;

/// <summary>Where the lab content and the test data live, independent of the current directory.</summary>
internal static class LabFiles
{
    public static string Catalog => Path.Combine(TestPaths.RepoRoot, "labs.yaml");
    public static string Seed => Path.Combine(TestPaths.RepoRoot, "Labs", "respaldo-autovacuum", "lab.yaml");
    public static string LabSchema => Path.Combine(TestPaths.RepoRoot, "Labs", "lab.schema.json");
    public static string CatalogSchema => Path.Combine(TestPaths.RepoRoot, "Labs", "catalog.schema.json");
    public static string BrokenDirectory => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Labs", "broken");
}
