using LabRunner.Authoring.Markdown;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Exact snapshots beside each course-corpus lab: NAME.warnings (every line `import` prints about it) and NAME.map (what
/// `import --explain` prints). A change to the reader shows up here line by line. To accept a deliberate change, run the
/// tests once with LABRUNNER_UPDATE_SNAPSHOTS=1 (they rewrite the files and fail), review `git diff`, and run them again.
/// </summary>
public class CourseCorpusSnapshotTests
{
    private static bool Updating => Environment.GetEnvironmentVariable("LABRUNNER_UPDATE_SNAPSHOTS") == "1";

    [Theory]
    [MemberData(nameof(CourseCorpus.Labs), MemberType = typeof(CourseCorpus))]
    public void Warnings_are_exactly_the_snapshot(string name)
    {
        var import = Read(name);
        var text = string.Concat(import.Warnings.Select(w => w.Format(name + ".md") + "\n"));
        Same(Path.Combine(CourseCorpus.Directory, name + ".warnings"), text);
    }

    [Theory]
    [MemberData(nameof(CourseCorpus.Labs), MemberType = typeof(CourseCorpus))]
    public void Explain_map_is_exactly_the_snapshot(string name)
    {
        var text = ImportMapText.Render(Read(name), name + ".md");
        Same(Path.Combine(CourseCorpus.Directory, name + ".map"), text);
    }

    private static MarkdownImport Read(string name)
    {
        var path = CourseCorpus.Markdown(name);
        return MarkdownLabReader.Read(File.ReadAllText(path), path);
    }

    private static void Same(string snapshot, string actual)
    {
        var expected = File.Exists(snapshot) ? File.ReadAllText(snapshot) : null;
        if (expected == actual) return;
        if (Updating)
        {
            File.WriteAllText(snapshot, actual);
            Assert.Fail($"{Path.GetFileName(snapshot)} rewritten (LABRUNNER_UPDATE_SNAPSHOTS=1): review the diff, then run again without it");
        }
        Assert.Equal(expected ?? "(no snapshot file: run once with LABRUNNER_UPDATE_SNAPSHOTS=1)", actual);
    }
}
