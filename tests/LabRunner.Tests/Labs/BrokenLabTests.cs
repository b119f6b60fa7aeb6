using LabRunner.Labs;

namespace LabRunner.Tests.Labs;

/// <summary>
/// The corpus in broken/: each file is a lab with mistakes and ends with the exact diagnostics expected, one per
/// "# expect: line:column: severity: message — fix" comment, in file order.
/// </summary>
public class BrokenLabTests
{
    private const string Marker = "# expect: ";

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(LabFiles.BrokenDirectory, "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Fact]
    public void Corpus_has_at_least_thirty_broken_labs_each_with_expectations()
    {
        var files = Directory.GetFiles(LabFiles.BrokenDirectory, "*.yaml");
        Assert.True(files.Length >= 30, $"only {files.Length} broken labs");
        Assert.All(files, f => Assert.Contains(File.ReadAllLines(f), l => l.StartsWith(Marker, StringComparison.Ordinal)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Broken_lab_reports_exactly_the_expected_diagnostics(string name)
    {
        var path = Path.Combine(LabFiles.BrokenDirectory, name);
        var expected = File.ReadAllLines(path).Where(l => l.StartsWith(Marker, StringComparison.Ordinal)).Select(l => l[Marker.Length..]).ToList();

        var result = LabLoader.LoadFile(path);

        var actual = result.Diagnostics.Select(d => d.ToString()[(path.Length + 1)..]).ToList();
        Assert.Equal(expected, actual);
        Assert.All(result.Diagnostics, d => Assert.Equal(path, d.Location.File));
        Assert.Equal(result.HasErrors, result.Lab is null);
    }
}
