using LabRunner.Cli;
using LabRunner.Labs;
using LabRunner.Tests.Labs;

namespace LabRunner.Tests.Cli;

/// <summary>validate, list and new, run as a user would (with --catalog, so the current directory does not matter).</summary>
public sealed class LabCommandsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("labrunner-commands-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CliApp.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    private string EmptyCatalog(string text = "# our labs\nlabs: []\n")
    {
        var path = Path.Combine(_root, "labs.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public async Task Validate_without_paths_checks_every_bundled_lab_and_succeeds()
    {
        var (code, output, errors) = await Run("validate", "--catalog", LabFiles.Catalog);

        Assert.Equal("", errors);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.EndsWith("checked: no problems" + Environment.NewLine, output);
    }

    [Fact]
    public async Task Validate_prints_every_problem_and_exits_1()
    {
        var broken = Path.Combine(LabFiles.BrokenDirectory, "51-many-problems-at-once.yaml");

        var (code, output, _) = await Run("validate", "--catalog", LabFiles.Catalog, broken);

        Assert.Equal(ExitCodes.ChecksFailed, code);
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(6, lines.Length);
        Assert.Contains(lines, l => l.EndsWith(":12:9: error: unknown key \"timout\" — did you mean \"timeout\"?", StringComparison.Ordinal));
        Assert.Equal("1 lab checked: 5 errors, 0 warnings", lines[^1]);
    }

    [Fact]
    public async Task Validate_of_a_missing_lab_is_one_line_and_exit_2()
    {
        var (code, output, errors) = await Run("validate", "--catalog", LabFiles.Catalog, "no-such-lab");

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Equal("", output);
        Assert.StartsWith("labrunner: no lab \"no-such-lab\"", errors);
        Assert.Single(errors.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Warnings_alone_do_not_fail_validation()
    {
        var (code, output, _) = await Run("validate", "--catalog", LabFiles.Catalog, Path.Combine(LabFiles.BrokenDirectory, "19-missing-image-is-a-warning.yaml"));

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains(": warning: image \"images/diagram.png\" not found", output);
    }

    [Fact]
    public async Task Validate_of_a_folder_checks_every_lab_below_it()
    {
        var catalog = EmptyCatalog();
        await Run("new", "one", "--catalog", catalog);
        await Run("new", "two", "--catalog", catalog);
        File.AppendAllText(Path.Combine(_root, "Labs", "two", "lab.yaml"), "colour: blue\n");

        var (code, output, _) = await Run("validate", "--catalog", catalog, Path.Combine(_root, "Labs"));

        Assert.Equal(ExitCodes.ChecksFailed, code);
        Assert.Contains("lab.yaml:28:1: error: unknown key \"colour\"", output);
        Assert.EndsWith("2 labs checked: 1 error, 0 warnings" + Environment.NewLine, output);
    }

    [Fact]
    public async Task List_shows_the_catalog_as_a_table()
    {
        var (code, output, _) = await Run("list", "--catalog", LabFiles.Catalog);

        Assert.Equal(ExitCodes.Ok, code);
        var lines = output.Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^ID\s+TITLE\s+LANGUAGE\s+TASKS\s+DURATION$", lines[0]);
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l,
            @"^respaldo-autovacuum\s+Respaldo con API de bajo nivel y Autovacuum\s+es\s+3\s+30 minutos$"));
    }

    [Fact]
    public async Task New_scaffolds_a_lab_that_validates_and_lists_it()
    {
        var catalog = EmptyCatalog();

        var (code, output, errors) = await Run("new", "indices-btree", "--catalog", catalog, "--title", "Índices \"B-tree\"", "--language", "es");

        Assert.Equal("", errors);
        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Labs/indices-btree/lab.yaml", output);
        var lab = LabLoader.LoadFile(Path.Combine(_root, "Labs", "indices-btree", "lab.yaml"));
        Assert.Empty(lab.Diagnostics);
        Assert.Equal(("indices-btree", "Índices \"B-tree\"", "es"), (lab.Lab!.Id, lab.Lab.Title, lab.Lab.Language));
        Assert.Equal("indices-btree", Assert.Single(LabCatalog.Load(catalog).Entries).Id);
        Assert.StartsWith("# our labs\n", File.ReadAllText(catalog));
        Assert.Equal(ExitCodes.Ok, (await Run("validate", "--catalog", catalog)).Code);
    }

    [Fact]
    public async Task New_scaffold_satisfies_the_schema()
    {
        var catalog = EmptyCatalog();
        await Run("new", "schema-check", "--catalog", catalog);
        var schema = await NJsonSchema.JsonSchema.FromFileAsync(LabFiles.LabSchema);

        var errors = schema.Validate(YamlJson.Convert(File.ReadAllText(Path.Combine(_root, "Labs", "schema-check", "lab.yaml"))));

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("Bad_Id", "bad lab id \"Bad_Id\"")]
    [InlineData("taken", "a lab \"taken\" is already listed")]
    public async Task New_refuses_bad_and_taken_ids(string id, string message)
    {
        Directory.CreateDirectory(Path.Combine(_root, "Labs", "taken"));
        File.WriteAllText(Path.Combine(_root, "Labs", "taken", "lab.yaml"), "id: taken\n");
        var catalog = EmptyCatalog("labs:\n  - id: taken\n    path: Labs/taken/lab.yaml\n");

        var (code, _, errors) = await Run("new", id, "--catalog", catalog);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Contains(message, errors);
        Assert.Equal("labs:\n  - id: taken\n    path: Labs/taken/lab.yaml\n", File.ReadAllText(catalog));
    }
}
