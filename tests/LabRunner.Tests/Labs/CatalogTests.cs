using LabRunner.Labs;
using LabRunner.Authoring;

namespace LabRunner.Tests.Labs;

public sealed class CatalogTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("labrunner-catalog-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private static string MinimalLab(string id) => $"""
        id: {id}
        title: Lab {id}
        tasks:
          - id: t
            title: T
            steps:
              - id: s
                title: S
                sql: SELECT 1;
        """;

    [Fact]
    public async Task Every_lab_in_the_bundled_catalog_validates()
    {
        var sources = new LabSources(LabCatalog.Load(LabFiles.Catalog));
        Assert.NotEmpty(sources.Catalog!.Entries);
        Assert.Contains(sources.Catalog.Entries, e => e.Id == "respaldo-autovacuum");

        var diagnostics = await sources.ValidateCatalogAsync();

        Assert.DoesNotContain(diagnostics, d => d.IsError);
        foreach (var entry in sources.Catalog.Entries)
            Assert.Equal(entry.Id, (await sources.LoadAsync(entry.Id)).Id);
    }

    [Fact]
    public async Task Catalog_id_must_equal_the_labs_id()
    {
        Write("Labs/a/lab.yaml", MinimalLab("b"));
        var catalog = Write("labs.yaml", "labs:\n  - id: a\n    path: Labs/a/lab.yaml\n");
        var sources = new LabSources(LabCatalog.Load(catalog));

        var result = await sources.ReadAsync("a");

        Assert.Null(result.Lab);
        var d = Assert.Single(result.Diagnostics);
        Assert.Equal($"{catalog}:2:9: error: catalog id \"a\" differs from the lab's id \"b\" in Labs/a/lab.yaml — make them equal (change one of the two ids)", d.ToString());
        await Assert.ThrowsAsync<LabInvalidException>(() => sources.LoadAsync("a"));
    }

    [Fact]
    public void Catalog_reports_missing_files_duplicates_and_unknown_keys_at_once()
    {
        Write("Labs/a/lab.yaml", MinimalLab("a"));
        var catalog = Write("labs.yaml", """
            labs:
              - id: a
                path: Labs/a/lab.yaml
              - id: a
                path: Labs/a/lab.yaml
              - id: gone
                path: Labs/gone/lab.yaml
              - id: c
                pth: Labs/c/lab.yaml
            """);

        var lines = LabCatalog.Load(catalog).Diagnostics.Select(d => d.ToString()[(catalog.Length + 1)..]).ToList();

        Assert.Equal([
            "4:9: error: duplicate lab id \"a\" (first at line 2) — give each lab its own id",
            "7:11: error: lab file \"Labs/gone/lab.yaml\" not found — fix the path (relative to labs.yaml) or create the lab with `labrunner new gone`",
            "8:5: error: missing required key \"path\" in a catalog entry — add \"path: ...\"",
            "9:5: error: unknown key \"pth\" — did you mean \"path\"?",
        ], lines);
    }

    [Fact]
    public async Task A_lab_is_found_by_id_by_file_and_by_directory()
    {
        var lab = Write("Labs/a/lab.yaml", MinimalLab("a"));
        var sources = new LabSources(LabCatalog.Load(Write("labs.yaml", "labs:\n  - id: a\n    path: Labs/a/lab.yaml\n")));

        Assert.Equal(lab, sources.ResolvePath("a"));
        Assert.Equal(lab, sources.ResolvePath(lab));
        Assert.Equal(lab, sources.ResolvePath(Path.Combine(_root, "Labs", "a")));
        Assert.Equal("a", (await sources.LoadAsync(lab)).Id);
    }

    [Fact]
    public void Unknown_lab_is_a_user_error_with_a_suggestion()
    {
        Write("Labs/respaldo/lab.yaml", MinimalLab("respaldo"));
        var sources = new LabSources(LabCatalog.Load(Write("labs.yaml", "labs:\n  - id: respaldo\n    path: Labs/respaldo/lab.yaml\n")));

        var e = Assert.Throws<UserErrorException>(() => sources.ResolvePath("respaldos"));

        Assert.Contains("did you mean \"respaldo\"?", e.Message);
    }

    [Fact]
    public async Task Markdown_labs_go_to_a_reader_that_accepts_them()
    {
        var md = Write("lab.md", "# A lab\n");
        var reader = new FixedReader();
        var sources = new LabSources(null, [new YamlLabReader(), reader]);

        var result = await sources.ReadAsync(md);

        Assert.Equal(md, reader.ReadPath);
        Assert.Equal("from-markdown", result.Lab!.Id);
        await Assert.ThrowsAsync<UserErrorException>(() => new LabSources(null, [new YamlLabReader()]).ReadAsync(md));
    }

    [Fact]
    public void Catalog_is_found_above_the_start_directory()
    {
        var catalog = Write("labs.yaml", "labs: []\n");
        var deep = Directory.CreateDirectory(Path.Combine(_root, "x", "y")).FullName;

        Assert.Equal(catalog, LabCatalog.Locate(null, deep));
        Assert.Equal(catalog, LabCatalog.Locate(_root));
        Assert.Throws<UserErrorException>(() => LabCatalog.Locate(Path.Combine(_root, "nope.yaml")));
    }

    private sealed class FixedReader : ILabReader
    {
        public string? ReadPath { get; private set; }
        public bool CanRead(string path) => path.EndsWith(".md", StringComparison.Ordinal);

        public Task<LabLoadResult> ReadAsync(string path, CancellationToken ct)
        {
            ReadPath = path;
            var lab = new Lab { Id = "from-markdown", Title = "t", Tasks = [] };
            return Task.FromResult(new LabLoadResult(lab, []));
        }
    }
}
