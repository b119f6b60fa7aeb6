using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>psql's \i in a SQL step: the file a lab saved (a file step) runs in the step's session, read inside the sandbox.</summary>
[Collection(SandboxCollection.Name)]
public sealed class IncludeFileTests(SandboxFixture fx)
{
    private StepExecutor NewExecutor() => new(fx.Sandbox, new ExecutionOptions());

    private static string Unique(string name) => $"{Guid.NewGuid():N}-{name}";

    private static Task<StepOutput> Save(StepExecutor ex, string path, string content) =>
        ex.ExecuteAsync(new FileAction(path, content), Consent.None, null, null, CancellationToken.None);

    [Fact]
    public async Task I_runs_a_saved_files_statements_and_meta_commands_in_the_session_in_order()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("carga.sql");
        await Save(ex, file, "CREATE TABLE inventario (id int, item text);\n\\echo cargando\nINSERT INTO inventario VALUES (1, 'tornillo'), (2, 'tuerca');\n");

        var output = await ex.SqlAsync($"\\i {file}\nSELECT count(*) FROM inventario;", db);

        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Equal("CREATE TABLE\ncargando\nINSERT 0 2\n count \n-------\n     2\n(1 row)\n\n", output.Text);
    }

    [Fact]
    public async Task An_error_in_an_included_file_is_located_as_psql_locates_it_and_the_file_goes_on()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("errores.sql");
        await Save(ex, file, "SELECT\n  nope;\n\\echo fin\n");

        var output = await ex.SqlAsync($"\\i {file}\nSELECT nope2;", db);

        // psql 15 prints this (checked): the file's line where the statement ended; the step's own error has no prefix.
        Assert.Equal($"psql:{file}:2: ERROR:  column \"nope\" does not exist\nLINE 2:   nope;\n          ^\nfin\n" +
                     "ERROR:  column \"nope2\" does not exist\nLINE 1: SELECT nope2;\n               ^\n", output.Text);
    }

    [Fact]
    public async Task I_of_a_missing_file_prints_psqls_message_and_the_step_goes_on()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("nada.sql");

        var output = await ex.SqlAsync($"\\i {file}\nSELECT 1 AS uno;", db);

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        Assert.StartsWith($"{file}: No such file or directory\n uno \n", output.Text);
    }

    [Fact]
    public async Task I_of_a_file_that_includes_itself_stops_at_the_depth_limit_with_psqls_words_and_why()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor();
        var file = Unique("self.sql");
        await Save(ex, file, $"\\echo dentro\n\\i {file}\n");

        var output = await ex.SqlAsync($"\\i {file}", db);

        Assert.Equal(StepOutcome.Failed, output.Outcome);
        var lines = output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(IncludeFile.MaxDepth, lines.Count(l => l == "dentro"));
        Assert.Equal($"psql:{file}:2: error: {file}: Too many open files (LabRunner stops \\i nested {IncludeFile.MaxDepth} deep: does the file include itself?)", lines[^1]);
    }

    [Fact]
    public async Task I_without_a_confined_shell_is_refused_and_reads_no_host_file()
    {
        var db = await fx.CreateDatabaseAsync();
        var file = Unique("host.sql");
        var hostFile = Path.Combine(fx.Sandbox.WorkDirectory, file);
        await File.WriteAllTextAsync(hostFile, "SELECT 'leido del host';\n");
        try
        {
            await using var target = new LabRunner.Tests.Checking.DatabaseTarget(fx.Sandbox, db); // its shell is the host's
            await using var ex = new StepExecutor(target, new ExecutionOptions());
            var output = await ex.SqlAsync($"\\i {file}", db);
            Assert.StartsWith($"\\i {file}: not done: LabRunner reads and writes a lab's files inside its sandbox only (", output.Text);
            Assert.DoesNotContain("leido del host", output.Text);
        }
        finally { File.Delete(hostFile); }
    }
}
