using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Psql;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>A step that prints without end (a flood of RAISE NOTICE, a chatty shell command) keeps its first and last lines only.</summary>
[Collection(SandboxCollection.Name)]
public sealed class BoundedOutputTests(SandboxFixture fx)
{
    private StepExecutor NewExecutor(int maxLines) =>
        new(fx.Sandbox, new ExecutionOptions { MaxKeptOutputLines = maxLines });

    [Fact]
    public async Task A_flood_of_notices_keeps_the_first_and_last_with_a_marker_between()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = NewExecutor(100);

        var output = await ex.SqlAsync("DO $$ BEGIN FOR i IN 1..1000 LOOP RAISE NOTICE 'notice %', i; END LOOP; END $$;\nSELECT 1 AS after;", db);

        var notices = output.Results.OfType<ServerNotice>().Select(n => n.Message).ToList();
        Assert.Equal([.. Enumerable.Range(1, 90).Select(i => $"notice {i}"), .. Enumerable.Range(991, 10).Select(i => $"notice {i}")], notices);
        Assert.Equal(900, Assert.Single(output.Results.OfType<LinesLeftOut>()).Lines);
        Assert.Contains("NOTICE:  notice 90\n… 900 lines left out …\nNOTICE:  notice 991\n", output.Text);
        Assert.EndsWith("DO\n after \n-------\n     1\n(1 row)\n\n", output.Text);
        Assert.Equal(StepOutcome.Completed, output.Outcome);
    }

    [Fact]
    public async Task A_flood_of_shell_output_keeps_the_first_and_last_lines_and_cuts_a_huge_line()
    {
        await using var ex = NewExecutor(100);

        var output = await ex.ExecuteAsync(new ShellAction("seq 1 1000; head -c 100000 /dev/zero | tr '\\0' x; echo; echo end"), Consent.Shell, null, null, default);

        var lines = output.Text.Split('\n');
        Assert.Equal([.. Enumerable.Range(1, 90).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), "… 902 lines left out …"], lines[..91]);
        Assert.Equal(new string('x', BoundedText.MaxLineLength) + $" [… {100000 - BoundedText.MaxLineLength} characters left out]", lines[^3]);
        Assert.Equal("end", lines[^2]);
        Assert.Equal(100 + 1 + 1, lines.Length); // 90 + marker + 10 kept lines, and the empty string after the last newline
        Assert.Equal(902, Assert.Single(Assert.IsType<ShellResult>(Assert.Single(output.Results)).LeftOut).Lines); // as data: a face words it
        Assert.Equal(StepOutcome.Completed, output.Outcome);
    }
}
