using LabRunner.Tests.Support;

namespace LabRunner.Tests.Psql;

/// <summary>Pasted psql outputs kept as files (tests/LabRunner.Tests/Checking/Panels), read from the source tree.</summary>
internal static class PanelCorpus
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Psql", "Panels", name));
}
