using LabRunner.Tests.Support;

namespace LabRunner.Tests.Psql;

/// <summary>
/// The psql fidelity corpus: Psql/psql-corpus/*.sql, each holding cases that start with a line "-- case: name".
/// Text before the first case is the file's setup (run once, not compared). Add cases by adding text.
/// </summary>
public static class PsqlCorpus
{
    public sealed record Case(string File, string Name, string Script)
    {
        public override string ToString() => $"{File}:{Name}";
    }

    public static string Directory => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Psql", "psql-corpus");

    public static IReadOnlyList<Case> Load(string file)
    {
        var cases = new List<Case>();
        string? name = null;
        var body = new List<string>();
        foreach (var line in File.ReadAllLines(Path.Combine(Directory, file)))
        {
            if (line.StartsWith("-- case:", StringComparison.Ordinal))
            {
                if (name is not null) cases.Add(new Case(file, name, string.Join('\n', body) + "\n"));
                name = line["-- case:".Length..].Trim();
                body.Clear();
                continue;
            }
            body.Add(line);
        }
        if (name is not null) cases.Add(new Case(file, name, string.Join('\n', body) + "\n"));
        return cases;
    }

    public static string Setup(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(Directory, file)).TakeWhile(l => !l.StartsWith("-- case:", StringComparison.Ordinal));
        return string.Join('\n', lines) + "\n";
    }

    public static IEnumerable<object[]> All() =>
        System.IO.Directory.GetFiles(Directory, "*.sql").Order(StringComparer.Ordinal)
            .SelectMany(f => Load(Path.GetFileName(f))).Select(c => new object[] { c.File, c.Name });
}
