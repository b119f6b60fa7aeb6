using LabRunner.Cli;

namespace LabRunner.Tests.Cli;

/// <summary>`labrunner [LAB]`: the options that reach the TUI.</summary>
public sealed class TuiCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-tui-command-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Catalog_reaches_the_TUI_and_finds_a_lab_only_that_catalog_lists()
    {
        // Before: --catalog was documented as shared but the TUI never received it ("Unrecognized command or argument").
        var catalog = Path.Combine(_dir, "labs.yaml");
        await File.WriteAllTextAsync(catalog, "labs:\n  - id: only-here\n    path: only-here/lab.yaml\n");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["--catalog", catalog, "only-here"], output, errors);

        // The lab's file is missing: the TUI stops before the screen, naming the file the catalog points at.
        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.DoesNotContain("Unrecognized", errors.ToString());
        Assert.Contains(Path.Combine(_dir, "only-here"), errors.ToString());
    }
}
