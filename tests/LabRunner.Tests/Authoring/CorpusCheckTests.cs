using LabRunner.Cli;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// Each corpus lab, read straight from its Markdown, passes `labrunner check --allow-shell` on a fresh sandbox: the
/// import's sessions, databases, variants, paths and attached panels are right, not only well-formed.
/// (The seed, which waits for autovacuum, has its own test against the bundled lab.)
/// </summary>
[Collection(SandboxCollection.Name)]
public class CorpusCheckTests
{
    public static TheoryData<string> Labs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(CorpusTests.Directory, "*.md").Order())
            if (Path.GetFileName(file) != "respaldo-autovacuum.md") data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Labs))]
    public async Task Corpus_lab_passes_check_on_a_fresh_sandbox(string name)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await CliApp.RunAsync(["check", Path.Combine(CorpusTests.Directory, name), "--allow-shell", "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);

        Assert.True(code == ExitCodes.Ok, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Contains(" passed, 0 failed", stdout.ToString());
    }
}
