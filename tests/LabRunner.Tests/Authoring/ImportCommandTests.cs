using LabRunner.Cli;
using LabRunner.Labs;
using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

/// <summary>`labrunner import`, run as a user would, into a scratch folder.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("labrunner-import-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static string Seed => Path.Combine(CorpusTests.Directory, "respaldo-autovacuum.md");

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        var output = new StringWriter();
        var errors = new StringWriter();
        var code = await CliApp.RunAsync(args, output, errors);
        return (code, output.ToString(), errors.ToString());
    }

    [Fact]
    public async Task Import_writes_a_lab_that_validates_and_prints_warnings_with_markdown_lines()
    {
        var target = Path.Combine(_root, "Labs", "respaldo-autovacuum", "lab.yaml");

        var (code, output, errors) = await Run("import", Seed, "-o", target);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains($"{Seed}:29: warning: /var/lib/postgresql/14/main is one machine's data directory", errors);
        Assert.Contains("2 tasks, 8 steps, 2 warnings", output);
        var loaded = LabLoader.LoadFile(target);
        Assert.True(loaded.Lab is not null, string.Join("\n", loaded.Diagnostics));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target)!, "*.tmp")); // the temp file was renamed, not left behind
    }

    [Fact]
    public async Task Import_keeps_the_authors_text_word_for_word()
    {
        var target = Path.Combine(_root, "lab.yaml");

        await Run("import", Seed, "-o", target);

        var lab = LabLoader.LoadFile(target).Lab!;
        Assert.Equal("Copiar el directorio de datos a un directorio separado llamado /var/lib/postgresql/backup1 usando rsync:", lab.Tasks[0].Steps[1].Text);
        Assert.Equal("Tarea 1. Realizar un backup de la base de datos usando la API de bajo nivel de Postgresql", lab.Tasks[0].Title);
        Assert.Contains("Crear un diagrama o imagen que resuma las actividades a realizar", lab.Introduction);
    }

    [Fact]
    public async Task Import_refuses_to_overwrite_without_force()
    {
        var target = Path.Combine(_root, "lab.yaml");
        File.WriteAllText(target, "mine\n");

        var (code, _, errors) = await Run("import", Seed, "-o", target);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Contains("already exists: use --force", errors);
        Assert.Equal("mine\n", File.ReadAllText(target));
        var (forced, _, _) = await Run("import", Seed, "-o", target, "--force");
        Assert.Equal(ExitCodes.Ok, forced);
        Assert.StartsWith("# yaml-language-server", File.ReadAllText(target));
    }

    [Fact]
    public async Task Import_adds_the_lab_to_the_catalog_under_the_folder_id()
    {
        var catalog = Path.Combine(_root, "labs.yaml");
        File.WriteAllText(catalog, "# our labs\nlabs: []\n");
        var target = Path.Combine(_root, "Labs", "backup-and-vacuum", "lab.yaml");

        var (code, _, errors) = await Run("import", Seed, "-o", target, "--add-to-catalog", "--catalog", catalog);

        Assert.True(code == ExitCodes.Ok, errors);
        var entries = LabCatalog.Load(catalog);
        Assert.Empty(entries.Diagnostics);
        var entry = Assert.Single(entries.Entries);
        Assert.Equal(("backup-and-vacuum", "Labs/backup-and-vacuum/lab.yaml"), (entry.Id, entry.Path));
        Assert.StartsWith("# our labs", File.ReadAllText(catalog));
        var lab = await LabSources.Open(catalog).LoadAsync("backup-and-vacuum");
        Assert.Equal("backup-and-vacuum", lab.Id);
    }

    [Fact]
    public async Task Import_copies_pictures_beside_the_markdown_along_with_the_lab()
    {
        var source = Path.Combine(_root, "src");
        Directory.CreateDirectory(Path.Combine(source, "images"));
        File.Copy(Path.Combine(CorpusTests.Directory, "imagenes.md"), Path.Combine(source, "imagenes.md"));
        File.WriteAllBytes(Path.Combine(source, "images", "particiones.png"), [0x89, 0x50, 0x4E, 0x47]);
        var target = Path.Combine(_root, "Labs", "particiones", "lab.yaml");

        var (code, output, _) = await Run("import", Path.Combine(source, "imagenes.md"), "-o", target);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("Copied images/particiones.png", output);
        Assert.True(File.Exists(Path.Combine(_root, "Labs", "particiones", "images", "particiones.png")));
        var loaded = LabLoader.LoadFile(target);
        Assert.DoesNotContain(loaded.Diagnostics, d => d.Message.Contains("particiones.png"));
    }

    [Fact]
    public async Task A_course_folder_is_imported_in_one_go_and_a_bad_lab_stops_only_itself()
    {
        var course = Directory.CreateDirectory(Path.Combine(_root, "curso")).FullName;
        File.Copy(Seed, Path.Combine(course, "01-respaldo.md"));
        File.Copy(Path.Combine(CourseCorpus.Directory, "bloqueo-update-commit.md"), Path.Combine(course, "02-bloqueo.md"));
        File.WriteAllText(Path.Combine(course, "03-vacio.md"), "# Hola\n\nNada que hacer.\n");
        File.WriteAllText(Path.Combine(course, "README.md"), "# Curso\n");
        var catalog = Path.Combine(_root, "labs.yaml");
        File.WriteAllText(catalog, "labs: []\n");

        var (code, output, errors) = await Run("import", course, "--add-to-catalog", "--catalog", catalog);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Contains($"labrunner: {Path.Combine(course, "03-vacio.md")}: no tasks with steps found", errors);
        Assert.Contains($"Imported 2 of 3 labs; not: {Path.Combine(course, "03-vacio.md")} (see above).", output);
        Assert.Equal(["01-respaldo", "02-bloqueo"], LabCatalog.Load(catalog).Entries.Select(e => e.Id).Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(_root, "Labs", "02-bloqueo", "lab.yaml")));

        // --output names one file: refused for several before anything is written.
        var (refused, _, said) = await Run("import", Seed, Path.Combine(course, "02-bloqueo.md"), "-o", Path.Combine(_root, "x.yaml"));
        Assert.Equal(ExitCodes.UsageOrEnvironment, refused);
        Assert.Contains("--output names one lab file, and 2 labs were given", said);
        Assert.False(File.Exists(Path.Combine(_root, "x.yaml")));
    }

    [Fact]
    public async Task Import_of_a_missing_file_is_one_line_and_exit_2()
    {
        var (code, _, errors) = await Run("import", Path.Combine(_root, "nope.md"), "-o", Path.Combine(_root, "x.yaml"));

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Equal($"labrunner: {Path.Combine(_root, "nope.md")}: no such file", errors.Trim());
    }

    [Fact]
    public async Task Markdown_without_tasks_is_refused_in_one_line_by_import_and_by_validate()
    {
        var md = Path.Combine(_root, "vacio.md");
        File.WriteAllText(md, "# Hola\n\nNada que hacer.\n");

        var (code, _, errors) = await Run("import", md, "-o", Path.Combine(_root, "lab.yaml"));
        var (validateCode, validateOut, _) = await Run("validate", md);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Equal($"labrunner: {md}: no tasks with steps found", errors.Trim()[..($"labrunner: {md}: no tasks with steps found".Length)]);
        Assert.False(File.Exists(Path.Combine(_root, "lab.yaml")));
        Assert.Equal(ExitCodes.ChecksFailed, validateCode);
        Assert.Contains("error: no tasks with steps found", validateOut);
    }

    [Fact]
    public async Task Without_output_the_lab_goes_to_Labs_id_beside_the_catalog()
    {
        File.WriteAllText(Path.Combine(_root, "labs.yaml"), "labs: []\n");
        var work = Directory.CreateDirectory(Path.Combine(_root, "drafts")).FullName;
        File.Copy(Seed, Path.Combine(work, "respaldo-autovacuum.md"));

        var result = await LabRunner.Authoring.Markdown.MarkdownImporter.ImportAsync(
            new("respaldo-autovacuum.md") { AddToCatalog = true, WorkingDirectory = work });

        Assert.Equal(Path.Combine(_root, "Labs", "respaldo-autovacuum", "lab.yaml"), result.OutputPath);
        Assert.Equal(Path.Combine(_root, "labs.yaml"), result.CatalogPath);
        var lab = await LabSources.Open(Path.Combine(_root, "labs.yaml")).LoadAsync("respaldo-autovacuum");
        Assert.Equal(8, lab.AllSteps.Count());
    }
}
