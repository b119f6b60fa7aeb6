using LabRunner.Tests.Support;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// The course-style corpus (course-corpus/NAME.md) and its hand-written truth (NAME.truth.yaml, see the folder's
/// README): what a faithful reader must make of each lab and the verdict `check --allow-shell` must give each step.
/// </summary>
public static class CourseCorpus
{
    public static string Directory => Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Authoring", "course-corpus");

    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory, "*.truth.yaml").Select(f => Path.GetFileName(f)[..^".truth.yaml".Length]).Order(StringComparer.Ordinal);

    public static TheoryData<string> Labs()
    {
        var data = new TheoryData<string>();
        foreach (var name in Names()) data.Add(name);
        return data;
    }

    public static string Markdown(string name) => Path.Combine(Directory, name + ".md");

    public static Truth TruthOf(string name)
    {
        var yaml = File.ReadAllText(Path.Combine(Directory, name + ".truth.yaml"));
        return new DeserializerBuilder().WithNamingConvention(UnderscoredNamingConvention.Instance).Build().Deserialize<Truth>(yaml);
    }

    public sealed class Truth
    {
        public string Title { get; set; } = "";
        public string Language { get; set; } = "";
        public string Database { get; set; } = "";
        public List<string> Servers { get; set; } = [];
        public bool NeedsShell { get; set; }
        public List<string> Sessions { get; set; } = [];
        public List<string> Notes { get; set; } = [];
        public List<WarningTruth> ExpectedWarnings { get; set; } = [];
        public List<TaskTruth> Tasks { get; set; } = [];

        /// <summary>Labs that need server administration (a second server, config edits, service restarts) the engine may lack.</summary>
        public bool NeedsServers => Servers.Count > 1 || Tasks.SelectMany(t => t.Steps).Any(s => s.Kind == "config-edit");
    }

    public sealed class WarningTruth
    {
        public int Line { get; set; }
        public string About { get; set; } = "";
    }

    public sealed class TaskTruth
    {
        public string? Title { get; set; }
        public int? Line { get; set; }
        public List<StepTruth> Steps { get; set; } = [];
        public List<SectionTruth> ExpectedSections { get; set; } = [];
    }

    public sealed class SectionTruth
    {
        public int Line { get; set; }
        public string BelongsTo { get; set; } = "";
        public string? Why { get; set; }
    }

    public sealed class StepTruth
    {
        public string Label { get; set; } = "";
        public int Line { get; set; }
        public string Kind { get; set; } = "";
        public string? Session { get; set; }
        public List<string>? Sessions { get; set; }
        public string? Server { get; set; }
        public string? Database { get; set; }
        public string Expected { get; set; } = "none";
        public int? ExpectedLine { get; set; }
        public int? CompletionLine { get; set; }
        public string Verdict { get; set; } = "";
        public string? BlocksUntil { get; set; }
        public string? Sqlstate { get; set; }
        public string? Why { get; set; }

        public IReadOnlyList<string> AllSessions => Sessions ?? (Session is null ? [] : [Session]);
    }
}
