using System.Text.RegularExpressions;
using LabRunner.Authoring.Markdown;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Every course lab keeps its overview as lab fields: the objectives, the duration, the help table ("Tabla de ayuda")
/// and the image references, each compared with what the Markdown's own section holds.
/// </summary>
public class CourseCorpusOverviewTests
{
    [Theory]
    [MemberData(nameof(CourseCorpus.Labs), MemberType = typeof(CourseCorpus))]
    public void Each_lab_keeps_its_help_table_and_image_references(string name)
    {
        var path = CourseCorpus.Markdown(name);
        var markdown = File.ReadAllText(path);
        var lab = MarkdownLabReader.Read(markdown, path).Lab;

        var help = Section(markdown, @"tabla de ayuda|help table|help|ayuda|cheat sheet");
        if (help is { Length: > 0 })
        {
            Assert.NotNull(lab.Help);
            var firstRow = help.Split('\n').First(l => l.TrimStart().StartsWith('|')).Trim();
            Assert.Contains(firstRow, lab.Help);
        }
        else Assert.Null(lab.Help);
        // The Objetivo Visual's images are the lab's; pictures of an expected result stay with that result.
        var images = Regex.Matches(markdown, @"!\[[^\]]*\]\(([^)\s]+)").Select(m => m.Groups[1].Value).ToList();
        Assert.All(lab.Images, i => Assert.Contains(i.Path, images));
        var visual = Section(markdown, @"objetivo visual|visual objective|visual goal") ?? "";
        Assert.All(Regex.Matches(visual, @"!\[[^\]]*\]\(([^)\s]+)"), m => Assert.Contains(m.Groups[1].Value, lab.Images.Select(i => i.Path)));
    }

    [Fact]
    public void A_course_lab_with_a_help_table_keeps_its_rows_objectives_and_duration()
    {
        var path = CourseCorpus.Markdown("bloqueo-update-commit");
        var lab = MarkdownLabReader.Read(File.ReadAllText(path), path).Lab;

        Assert.Contains("| Base de datos | curso |", lab.Help);
        Assert.NotEmpty(lab.Objectives);
        Assert.False(string.IsNullOrWhiteSpace(lab.Duration));
    }

    /// <summary>The trimmed text under the first level-2 heading whose words start as <paramref name="heading"/>, up to the next level-2 heading.</summary>
    private static string? Section(string markdown, string heading)
    {
        var m = Regex.Match(markdown, $@"^##\s+(?:{heading})[^\n]*\n(?<body>.*?)(?=^##\s|\z)", RegexOptions.Multiline | RegexOptions.Singleline | RegexOptions.IgnoreCase);
        return m.Success ? Regex.Replace(m.Groups["body"].Value, "<!--.*?-->", "", RegexOptions.Singleline).Trim() : null;
    }
}
