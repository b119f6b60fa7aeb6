using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Reports;
using LabRunner.Running;
using LabRunner.Tests.Cli;
using LabRunner.Grading;

namespace LabRunner.Tests.Reports;

public sealed class ReportTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("labrunner-report-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static RunSummary Sample() => new("demo", "Demo lab",
    [
        new("t1", "a", "A", StepKind.Step, Verdict.Pass(), " n\n---\n 1\n(1 row)\n", " n\n---\n 1\n", TimeSpan.FromMilliseconds(12)),
        new("t1", "b", "B", StepKind.Step, Verdict.Fail(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "833333"))
            with { Diff = "--- expected\n+++ actual\n-0\n+833333\n", Notes = [new AnyOrder()] }, "bell \a here", "0", TimeSpan.FromSeconds(1.5)),
        new("t2", "c", "C", StepKind.Step, Verdict.Error(new TimedOut(TimeSpan.FromSeconds(30))), null, null, TimeSpan.FromSeconds(30)),
        new("t2", "d", "D", StepKind.Step, Verdict.Skip(new NotAllowed(Consent.Shell)), null, null, TimeSpan.Zero),
        new("t2", "ok", "OK", StepKind.Check, Verdict.Pass(), "x", null, TimeSpan.FromMilliseconds(3)),
    ]);

    [Theory]
    [InlineData(3, 0, 0, "3 passed, 0 failed")]
    [InlineData(1, 2, 0, "1 passed, 2 failed")]
    [InlineData(4, 2, 1, "4 passed, 2 failed, 1 skipped")]
    public void The_count_line_is_exact(int passed, int failed, int skipped, string line) =>
        Assert.Equal(line, SummaryTable.CountLine(passed, failed, skipped));

    [Fact]
    public void Not_compared_and_manual_steps_are_counted_apart_from_passed() =>
        Assert.Equal("4 passed, 0 failed, 2 not compared, 3 manual, 1 skipped", SummaryTable.CountLine(4, 0, 1, notCompared: 2, manual: 3));

    [Fact]
    public async Task Summary_table_lists_every_step_explains_failures_and_ends_with_the_counts()
    {
        var output = new StringWriter();

        await SummaryTable.WriteAsync(output, Sample());

        var lines = output.ToString().TrimEnd().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("TASK  STEP        VERDICT  TIME", lines[0]);
        Assert.Equal("t1    a           passed   12 ms", lines[1]);
        Assert.Equal("t1    b           failed   1.5 s", lines[2]);
        Assert.Equal("    row 1, n: expected 0, got 833333", lines[3]);
        Assert.Contains("t2    ok (check)  passed   3 ms", lines);
        Assert.Contains("t2    d           skipped  -", lines);
        Assert.Equal("2 passed, 2 failed, 1 skipped", lines[^1]);
    }

    [Fact]
    public async Task JUnit_report_validates_against_the_schema_and_counts_each_kind()
    {
        var path = Path.Combine(_dir, "junit.xml");
        await AtomicFile.WriteAllTextAsync(path, JUnitReport.Render(Sample(), DateTimeOffset.UtcNow), CancellationToken.None);

        var doc = ReportFiles.ValidJUnit(path);

        var root = doc.Root!;
        Assert.Equal(("5", "1", "1", "1"), (root.Attribute("tests")!.Value, root.Attribute("failures")!.Value, root.Attribute("errors")!.Value, root.Attribute("skipped")!.Value));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["demo.t1", "demo.t2"], suites.Select(s => s.Attribute("name")!.Value));
        var failed = suites[0].Elements("testcase").Single(c => c.Attribute("name")!.Value == "b");
        Assert.Equal("demo.t1", failed.Attribute("classname")!.Value);
        Assert.Equal("row 1, n: expected 0, got 833333", failed.Element("failure")!.Attribute("message")!.Value);
        Assert.Contains("+833333", failed.Element("failure")!.Value);
        Assert.Equal("bell  here", failed.Element("system-out")!.Value);
    }

    [Fact]
    public void Json_report_parses_back_with_every_step_field()
    {
        var doc = JsonReport.Parse(JsonReport.Render(Sample()))!;

        Assert.Equal(("demo", 2, 2, 1), (doc.Lab, doc.Passed, doc.Failed, doc.Skipped));
        var b = doc.Steps[1];
        Assert.Equal(("t1", "b", "failed", "row 1, n: expected 0, got 833333", "0", 1.5), (b.Task, b.Step, b.Status, b.Message, b.Expected, b.Duration));
        Assert.Null(doc.Steps[2].Actual);
        Assert.Equal("check", doc.Steps[4].Kind);
    }

    [Fact]
    public void Grade_csv_has_a_row_a_student_a_column_a_check_and_quotes_what_needs_quoting()
    {
        var target = new GradeTarget("alice, jr", "x");
        CheckGrade Check(string id, double points, double max) =>
            new("rows", id, id, points > 0 ? Verdict.Pass() : Verdict.Fail(new RowsMatch(1)), points, max);
        var alice = new StudentGrade(target, new RunSummary("demo", "Demo", []),
            [new TaskGrade("alice, jr", "rows", VerdictStatus.Failed, 0.5, 1.5)], [Check("count", 0.5, 0.5), Check("sum", 0, 1)]);
        var bob = new StudentGrade(new GradeTarget("bob", "y"), new RunSummary("demo", "Demo", []),
            [new TaskGrade("bob", "rows", VerdictStatus.Error, 0, 1.5)], [Check("count", 0, 0.5), Check("sum", 0, 1)]) { Unreachable = "no route" };

        var lines = GradeCsv.Render([alice, bob]).TrimEnd().Split("\r\n");

        Assert.Equal(["student,points,max_points,rows/count,rows/sum,error", "\"alice, jr\",0.5,1.5,0.5,0,", "bob,0,1.5,0,0,no route"], lines);
    }

    [Fact]
    public async Task Atomic_writes_replace_the_file_and_leave_no_temporary_behind()
    {
        var path = Path.Combine(_dir, "sub", "r.json");
        await AtomicFile.WriteAllTextAsync(path, "first", CancellationToken.None);
        await AtomicFile.WriteAllTextAsync(path, "second", CancellationToken.None);

        Assert.Equal("second", await File.ReadAllTextAsync(path));
        Assert.Equal([path], Directory.GetFiles(Path.Combine(_dir, "sub")));
    }
}
