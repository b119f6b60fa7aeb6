using LabRunner.Labs;
using LabRunner.Authoring.Markdown;
using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Messy input, mechanically: corpus labs with lines dropped, doubled, swapped or cut never crash the reader, and what it
/// writes validates. The randomness is seeded with a fixed number per lab (printed in every failure; LABRUNNER_MUTATION_SEED
/// replaces the base to explore other mutations), so a failure can be reproduced.
/// </summary>
public class MutatedCorpusTests
{
    private const int BaseSeed = 20261124;

    /// <summary>The same seed in every process (string.GetHashCode is randomised per process): FNV-1a of the name, mixed with the base.</summary>
    private static int SeedFor(string name)
    {
        var baseSeed = int.TryParse(Environment.GetEnvironmentVariable("LABRUNNER_MUTATION_SEED"), out var chosen) ? chosen : BaseSeed;
        var hash = 2166136261u;
        foreach (var c in name) hash = (hash ^ c) * 16777619u;
        return (int)(hash & 0x7fffffff) ^ baseSeed;
    }

    [Theory]
    [MemberData(nameof(CorpusTests.Labs), MemberType = typeof(CorpusTests))]
    public void Mangled_corpus_labs_never_crash_and_still_validate(string name)
    {
        var lines = File.ReadAllLines(Path.Combine(CorpusTests.Directory, name));
        var seed = SeedFor(name);
        var random = new Random(seed);
        var checkedRounds = 0;
        for (var round = 0; round < 60; round++)
        {
            var mangled = lines.ToList();
            for (var edits = random.Next(1, 6); edits > 0 && mangled.Count > 1; edits--)
            {
                var i = random.Next(mangled.Count);
                switch (random.Next(5))
                {
                    case 0: mangled.RemoveAt(i); break;
                    case 1: mangled.Insert(i, mangled[i]); break;
                    case 2: (mangled[i], mangled[^1]) = (mangled[^1], mangled[i]); break;
                    case 3: mangled[i] = mangled[i][..random.Next(mangled[i].Length + 1)]; break;
                    default: mangled[i] += random.Next(2) == 0 ? "   " : " ```"; break;
                }
            }
            var text = string.Join("\n", mangled);
            var import = MarkdownLabReader.Read(text, "/labs/" + name);
            if (import.Lab.Tasks.Count == 0) continue;
            checkedRounds++;
            var loaded = LabLoader.LoadText(LabYamlWriter.Write(import.Lab), "/labs/lab.yaml");
            Assert.True(loaded.Lab is not null, $"seed {seed}, round {round}:\n{string.Join("\n", loaded.Errors)}\n--- markdown:\n{text}");
        }
        Assert.True(checkedRounds >= 20, $"seed {seed}: only {checkedRounds} of 60 mangled labs still had tasks to write");
    }
}
