using LabRunner.Tests.Support;

namespace LabRunner.Tests.Security;

/// <summary>Hostile or broken input files (attacks/input): a clear error with its place, never a crash.</summary>
[Collection(SandboxCollection.Name)]
public sealed class BadInputTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Security", "attacks", "input");
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-bad-input-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("deep-flow.yaml", "deep-flow.yaml:4:")]
    [InlineData("deep-block.yaml", "deep-block.yaml:5:")]
    public async Task A_lab_nested_20000_levels_deep_is_a_clear_error_not_a_stack_overflow(string file, string where)
    {
        var (code, output, errors) = await LabrunnerProcess.RunAsync("validate", Path.Combine(Corpus, file));

        Assert.True(code == ExitCodes.ChecksFailed, $"exit {code}\n{output}\n{errors[..Math.Min(errors.Length, 2000)]}");
        Assert.Contains($"{where}", output);
        Assert.Contains("error: the YAML is nested more than 64 levels deep here", output);
    }

    [Fact]
    public async Task A_catalog_nested_20000_levels_deep_is_a_clear_error()
    {
        var catalog = Path.Combine(_dir, "labs.yaml");
        await File.WriteAllTextAsync(catalog, "labs:\n  " + string.Concat(Enumerable.Repeat("- ", 20000)) + "x\n");

        var (code, output, errors) = await LabrunnerProcess.RunAsync("validate", "--catalog", catalog);

        Assert.True(code == ExitCodes.ChecksFailed, $"exit {code}\n{output}\n{errors[..Math.Min(errors.Length, 2000)]}");
        Assert.Contains("labs.yaml:2:", output);
        Assert.Contains("nested more than 64 levels deep", output);
    }

    [Fact]
    public async Task A_targets_file_nested_20000_levels_deep_is_one_line_exit_2()
    {
        var targets = Path.Combine(_dir, "targets.yaml");
        await File.WriteAllTextAsync(targets, "targets: " + new string('[', 20000) + new string(']', 20000) + "\n");

        var (code, output, errors) = await LabrunnerProcess.RunAsync("grade", TestLabs.Grading, "--targets", targets);

        Assert.True(code == ExitCodes.UsageOrEnvironment, $"exit {code}\n{output}\n{errors[..Math.Min(errors.Length, 2000)]}");
        Assert.Equal($"labrunner: {targets}:1:", errors.Trim()[..$"labrunner: {targets}:1:".Length]);
        Assert.Contains("nested more than 64 levels deep", errors);
        Assert.Single(errors.Trim().Split('\n'));
    }

    [Theory]
    [InlineData("latin1.yaml", 3, 10, 10, 23)]
    [InlineData("latin1.md", 1, 5, 8, 10)]
    public async Task Invalid_utf8_in_a_lab_file_is_reported_with_its_line(string file, int line1, int column1, int line2, int column2)
    {
        var path = Path.Combine(Corpus, file);
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await LabRunner.Cli.CliApp.RunAsync(["validate", path], stdout, stderr);

        Assert.True(code == ExitCodes.ChecksFailed, stdout.ToString() + stderr);
        var lines = stdout.ToString().Split('\n');
        Assert.Contains(lines, l => l.EndsWith($"{file}:{line1}:{column1}: error: invalid UTF-8: byte 0xE1 is not part of any character — " +
            "save the file as UTF-8 (an editor's \"reopen with encoding\" shows the intended text, e.g. from Latin-1)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains($"{file}:{line2}:{column2}: error: invalid UTF-8: byte 0xF1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_diff_of_thousands_of_lines_goes_to_a_file_beside_the_report()
    {
        var json = Path.Combine(_dir, "out", "report.json");
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await LabRunner.Cli.CliApp.RunAsync(["check", Path.Combine(Corpus, "long-diff", "lab.yaml"), "--report", $"json:{json}",
            "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);

        Assert.True(code == ExitCodes.ChecksFailed, stdout.ToString() + stderr);
        var file = Path.Combine(_dir, "out", "report.t1.many.diff");
        Assert.True(File.Exists(file), stdout.ToString());
        Assert.True(File.ReadAllLines(file).Length > 5000);
        Assert.Contains($"more lines: the whole diff is in {file}", stdout.ToString());
        Assert.True(stdout.ToString().Split('\n').Length < 80, stdout.ToString());
        Assert.Contains($"the whole diff is in {file}", LabRunner.Tests.Cli.ReportFiles.Json(json).Steps.Single().Diff);
    }
}
