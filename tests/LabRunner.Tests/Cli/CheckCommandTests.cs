using LabRunner.Cli;
using LabRunner.Reports;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Cli;

/// <summary>`labrunner check` end to end, in process, on real sandboxes.</summary>
[Collection(SandboxCollection.Name)]
public sealed class CheckCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-check-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private async Task<(int Code, string Out, string Err)> Check(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(["check", .. args, "--sandbox-root", TestPaths.SandboxRoot], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task The_seed_lab_passes_every_step_on_a_fresh_sandbox_and_writes_both_reports()
    {
        var junit = Path.Combine(_dir, "seed.xml");
        var json = Path.Combine(_dir, "reports", "seed.json");

        var (code, output, errors) = await Check(TestLabs.Seed, "--allow-shell", "--report", $"junit:{junit}", "--report", $"json:{json}");

        var report = ReportFiles.Json(json);
        Assert.Equal(16, report.Steps.Count);
        Assert.True(code == ExitCodes.Ok, output + errors);
        Assert.EndsWith("14 passed, 0 failed, 2 ran", output.TrimEnd());
        // Every step that prints something compares it; starting and stopping the second server only ran (nothing to compare).
        Assert.Equal(["start-copy", "stop-copy"], report.Steps.Where(s => s.Status == "ran").Select(s => s.Step));
        Assert.All(report.Steps.Where(s => s.Status != "ran"), s => Assert.Equal("passed", s.Status));
        Assert.Equal((14, 2), (report.Passed, report.Ran));
        var autovacuum = Assert.Single(report.Steps, s => s.Step == "table-stats-again");
        Assert.Contains("after", autovacuum.Message);
        Assert.Contains("test_autovacuum", autovacuum.Actual);
        Assert.Contains("666667", autovacuum.Expected);
        // The watched step keeps its series: dead tuples above the trigger line, then 0 once autovacuum ran.
        var series = Assert.IsType<JsonReport.SeriesEntry>(autovacuum.Series);
        Assert.Equal(["n_live_tup", "n_dead_tup"], series.Columns);
        Assert.InRange(series.Threshold!.Value, 49, 200050.5); // 50 + 0.2 × reltuples (-1 before the first analyze)
        Assert.Equal(0, series.Samples[^1].Values[1]);
        // Not matched on the first look: autovacuum ran while the step watched, and the report says after how long.
        if (series.Samples.Count > 1)
        {
            Assert.NotNull(series.MarkerChangedAt);
            Assert.Contains(autovacuum.Notes, n => n.StartsWith("last_autovacuum changed after ", StringComparison.Ordinal));
        }
        var doc = ReportFiles.ValidJUnit(junit);
        Assert.Equal("16", doc.Root!.Attribute("tests")!.Value);
        Assert.Equal("0", doc.Root!.Attribute("failures")!.Value);
        Assert.Equal("2", doc.Root!.Attribute("skipped")!.Value);
        Assert.Equal(["respaldo-autovacuum.backup", "respaldo-autovacuum.autovacuum", "respaldo-autovacuum.verify-restore"], doc.Root.Elements("testsuite").Select(s => s.Attribute("name")!.Value));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task The_seed_lab_with_an_edited_expected_value_fails_and_names_the_cell()
    {
        var edited = Path.Combine(_dir, "edited", "lab.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(edited)!);
        var yaml = await File.ReadAllTextAsync(TestLabs.Seed);
        Assert.Contains(" test_autovacuum |     666667 |", yaml);
        await File.WriteAllTextAsync(edited, yaml
            .Replace(" test_autovacuum |     666667 |", " test_autovacuun |     666667 |")
            .Replace("eventually: { within: 3m, every: 2s }", "eventually: { within: 3s, every: 1s }"));

        var (code, output, _) = await Check(edited, "--task", "autovacuum");

        Assert.Equal(ExitCodes.ChecksFailed, code);
        Assert.Matches(@"table-stats-again\s+failed", output);
        Assert.Contains("row 1, relname: expected test_autovacuun, got test_autovacuum", output);
        Assert.Contains("still not matching after", output);
        Assert.EndsWith("5 passed, 1 failed", output.TrimEnd());
    }

    [Fact]
    public async Task A_lab_built_to_fail_exits_1_and_explains_each_failure_in_the_reports()
    {
        var junit = Path.Combine(_dir, "fail.xml");
        var json = Path.Combine(_dir, "fail.json");

        var (code, output, _) = await Check(TestLabs.BuiltToFail, "--report", $"junit:{junit}", "--report", $"json:{json}");

        Assert.Equal(ExitCodes.ChecksFailed, code);
        Assert.EndsWith("3 passed, 2 failed, 1 ran, 1 skipped", output.TrimEnd());
        Assert.Contains("row 1, total: expected 4, got 3", output);
        var steps = ReportFiles.Json(json).Steps.ToDictionary(s => s.Step);
        Assert.Equal("ran", steps["create"].Status);
        Assert.Equal("passed", steps["right-panel"].Status);
        Assert.Equal("failed", steps["wrong-cell"].Status);
        Assert.Equal("row 1, total: expected 4, got 3", steps["wrong-cell"].Message);
        Assert.Equal("passed", steps["expected-error"].Status);
        Assert.Equal("failed", steps["unexpected-error"].Status);
        Assert.Contains("42P01", steps["unexpected-error"].Message);
        Assert.Equal("skipped", steps["shell"].Status);
        Assert.Contains("--allow-shell", steps["shell"].Message);
        Assert.Equal("passed", steps["three-rows"].Status);
        var doc = ReportFiles.ValidJUnit(junit);
        var cases = doc.Descendants("testcase").ToDictionary(c => c.Attribute("name")!.Value);
        Assert.Equal("row 1, total: expected 4, got 3", cases["wrong-cell"].Element("failure")!.Attribute("message")!.Value);
        Assert.Contains("+     3", cases["wrong-cell"].Element("failure")!.Value);
        Assert.NotNull(cases["shell"].Element("skipped"));
        Assert.Equal("2", doc.Root!.Attribute("failures")!.Value);
    }

    [Fact]
    public async Task Task_and_step_filters_run_only_what_they_name()
    {
        var json = Path.Combine(_dir, "one.json");

        var (code, output, _) = await Check(TestLabs.BuiltToFail, "--step", "create", "--report", $"json:{json}");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.EndsWith("0 passed, 0 failed, 1 ran", output.TrimEnd());
        Assert.Equal(["create"], ReportFiles.Json(json).Steps.Select(s => s.Step));
    }

    [Fact]
    public async Task Usage_mistakes_exit_2_with_one_line()
    {
        var (badReport, _, err1) = await Check(TestLabs.BuiltToFail, "--report", "xml:out.xml");
        var (noLab, _, err2) = await Check(Path.Combine(_dir, "nope.yaml"));
        var (noStep, _, err3) = await Check(TestLabs.BuiltToFail, "--step", "zz");

        Assert.Equal((2, 2, 2), (badReport, noLab, noStep));
        Assert.Contains("junit:PATH or json:PATH", err1);
        Assert.Contains("nope.yaml", err2);
        Assert.Contains("no step \"zz\"", err3);
        Assert.DoesNotContain("   at ", err1 + err2 + err3);
    }
}
