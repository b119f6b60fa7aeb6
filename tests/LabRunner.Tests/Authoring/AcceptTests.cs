using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// `labrunner check LAB --accept` on labs with three wrong panels (a row never inserted, a balance an earlier step
/// changed, a serial TRUNCATE does not reset) and one right one, in YAML and in course Markdown: the accepted file is
/// compared whole with the expected one (so every other byte is proven unchanged), then checked again on a fresh sandbox.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class AcceptTests : IDisposable
{
    private static readonly string Corpus = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Authoring", "accept");
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-accept-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Copy(string name)
    {
        var path = Path.Combine(_dir, name);
        File.Copy(Path.Combine(Corpus, name), path);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> CheckAsync(string lab, string? answers, params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", lab, .. args, "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr,
            stdin: answers is null ? null : new StringReader(answers));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("wrong-panels.yaml", "wrong-panels.accepted.yaml")]
    [InlineData("wrong-panels.md", "wrong-panels.accepted.md")]
    public async Task Accept_all_fixes_exactly_the_three_wrong_panels_and_keeps_every_other_byte(string lab, string accepted)
    {
        var path = Copy(lab);

        var (code, output, errors) = await CheckAsync(path, null, "--accept=all");

        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.Equal(3, output.Split('\n').Count(l => l == "accepted"));
        Assert.Contains($"3 accepted, 0 left as they were: wrote {path}", output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Corpus, accepted)), File.ReadAllBytes(path));
        var again = await CheckAsync(path, null);
        Assert.True(again.Code == ExitCodes.Ok, again.Out + again.Err);
        Assert.EndsWith("4 passed, 0 failed, 3 ran", again.Out.TrimEnd()); // the three steps with nothing expected ran
    }

    [Fact]
    public async Task Rejecting_skipping_and_quitting_leave_the_file_untouched()
    {
        var path = Copy("wrong-panels.yaml");

        var (code, output, errors) = await CheckAsync(path, "r\ns\nq\n", "--accept");

        Assert.True(code == ExitCodes.ChecksFailed, output + errors);
        Assert.Contains("rejected", output);
        Assert.Contains("skipped", output);
        Assert.Contains("0 accepted, 3 left as they were", output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(Corpus, "wrong-panels.yaml")), File.ReadAllBytes(path));
    }

    [Fact]
    public async Task Accepting_one_difference_writes_that_panel_only()
    {
        var path = Copy("wrong-panels.md");

        var (code, output, errors) = await CheckAsync(path, "r\na\nr\n", "--accept");

        Assert.True(code == ExitCodes.ChecksFailed, output + errors);
        Assert.Contains("1 accepted, 2 left as they were", output);
        var original = File.ReadAllText(Path.Combine(Corpus, "wrong-panels.md"));
        var expected = original.Replace(" saldo\n--------\n 100.00\n(1 fila)", " saldo \n-------\n 70.00\n(1 fila)", StringComparison.Ordinal);
        Assert.NotEqual(original, expected);
        Assert.Equal(expected, File.ReadAllText(path));
    }
}
