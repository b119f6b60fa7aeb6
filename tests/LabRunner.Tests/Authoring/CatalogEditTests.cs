using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

/// <summary>`new` adds its lab to labs.yaml as text, keeping the author's comments and layout.</summary>
public class CatalogEditTests
{
    private static string Add(string catalog) => LabScaffold.WithEntry(catalog, "labs.yaml", "new-lab", "Labs/new-lab/lab.yaml");

    [Fact]
    public void Entry_goes_after_the_last_lab_with_the_same_indentation()
    {
        var text = "# catalog\nlabs:\n  - id: a   # first\n    path: Labs/a/lab.yaml\n";
        Assert.Equal(text + "  - id: new-lab\n    path: Labs/new-lab/lab.yaml\n", Add(text));
    }

    [Fact]
    public void Entry_goes_before_a_following_key()
    {
        var text = "labs:\n- id: a\n  path: Labs/a/lab.yaml\nother: 1\n";
        Assert.Equal("labs:\n- id: a\n  path: Labs/a/lab.yaml\n- id: new-lab\n  path: Labs/new-lab/lab.yaml\nother: 1\n", Add(text));
    }

    [Fact]
    public void An_empty_list_becomes_a_block_list()
    {
        Assert.Equal("labs:\n  - id: new-lab\n    path: Labs/new-lab/lab.yaml\n", Add("labs: []\n"));
        Assert.Equal("labs:\n  - id: new-lab\n    path: Labs/new-lab/lab.yaml\n", Add("labs:\n"));
    }

    [Fact]
    public void A_file_without_a_list_gets_one()
    {
        Assert.Equal("# nothing yet\nlabs:\n  - id: new-lab\n    path: Labs/new-lab/lab.yaml\n", Add("# nothing yet\n"));
    }
}
