using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Psql;
using LabRunner.Text;
using static LabRunner.Tests.Checking.Outputs;

namespace LabRunner.Tests.Checking;

/// <summary>
/// Verdicts that compare nothing never say "passed": an expected result in words or a picture is "not compared", a step
/// with nothing to run is "manual"; and the few comparisons the course's labs need: NULL stays NULL under a shape matcher,
/// pasted shell output without its line ends' spaces.
/// </summary>
public class ShownResultsTests
{
    private static readonly SqlAction Select = new("SELECT 1;");

    [Theory]
    [InlineData("La sesión B queda bloqueada.", ProseKind.Prose, "not compared: the expected result is prose")]
    [InlineData("![resultado](img2.png)", ProseKind.Image, "not compared: the expected result is a picture")]
    [InlineData("| a | b |\n|---|---|\n| 1 | 2 |", ProseKind.Table, "not compared: the expected result is a table of values")]
    public void A_prose_result_is_not_compared_and_says_why(string prose, ProseKind kind, string words)
    {
        var verdict = ExpectationChecker.Check(Select, new Expectation { Prose = prose }, Of(new CommandTag("SELECT 1")));

        Assert.Equal(VerdictStatus.NotCompared, verdict.Status);
        Assert.Equal(new NotCompared(kind), verdict.Reason);
        Assert.StartsWith(words, Catalogue.English.Say(verdict));
        Assert.StartsWith("no comparado", Catalogue.For("es").Say(verdict));
    }

    [Fact]
    public void A_prose_result_of_a_step_that_fails_is_a_failure()
    {
        var verdict = ExpectationChecker.Check(Select, new Expectation { Prose = "Se crea la tabla." }, Of(Error("42P01", "relation \"t\" does not exist")));
        Assert.Equal(VerdictStatus.Failed, verdict.Status);
    }

    [Fact]
    public void A_panel_with_a_completion_is_compared_and_the_prose_beside_it_is_only_shown()
    {
        var verdict = ExpectationChecker.Check(new SqlAction("BEGIN; UPDATE t SET x = 1;"), new Expectation { Panel = "UPDATE 1", Prose = "_(esperando...)_" },
            Of(new CommandTag("BEGIN"), new CommandTag("UPDATE 1")));
        Assert.Equal(VerdictStatus.Passed, verdict.Status);
    }

    [Fact]
    public void A_panel_of_words_only_compares_nothing_and_is_not_passed()
    {
        var verdict = ExpectationChecker.Check(new SqlAction("\\x on"), new Expectation { Panel = "Se ha activado el despliegue expandido." }, Of());
        Assert.Equal(VerdictStatus.NotCompared, verdict.Status);
    }

    [Fact]
    public void Manual_and_file_steps_say_what_they_are()
    {
        Assert.Equal(VerdictStatus.Manual, ExpectationChecker.Check(ManualAction.Instance, null, Of()).Status);
        var written = ExpectationChecker.Check(new FileAction("x.sql", "SELECT 1;"), null, Shell(0, "x.sql: 1 line written\n"));
        Assert.Equal((VerdictStatus.Ran, (VerdictReason)new FileWritten("x.sql")), (written.Status, written.Reason));
    }

    [Fact]
    public void A_step_with_nothing_expected_ran_and_did_not_pass()
    {
        var sql = ExpectationChecker.Check(new SqlAction("CREATE TABLE t (a int);"), null, Of(new CommandTag("CREATE TABLE")));
        Assert.Equal((VerdictStatus.Ran, (VerdictReason)new NoExpectation()), (sql.Status, sql.Reason));
        var shell = ExpectationChecker.Check(new ShellAction("true"), null, Shell(0, ""));
        Assert.Equal((VerdictStatus.Ran, (VerdictReason)new ShellNoExpectation(0)), (shell.Status, shell.Reason));
        // An expectation that asks for nothing (only how to retry) compares nothing either.
        var retried = ExpectationChecker.Check(Select, new Expectation { Eventually = new Eventually(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)) },
            Of(new CommandTag("SELECT 1")));
        Assert.Equal(VerdictStatus.Ran, retried.Status);
        Assert.Equal("ran", Catalogue.English.Status(sql.Status));
        Assert.Equal("ejecutado", Catalogue.For("es").Status(sql.Status));
    }

    [Fact]
    public void A_step_that_ran_but_failed_is_still_a_failure_and_what_was_asked_still_passes()
    {
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(Select, null, Of(Error("42P01", "relation \"t\" does not exist"))).Status);
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(new ShellAction("false"), null, Shell(1, "")).Status);
        var exit = ExpectationChecker.Check(new ShellAction("true"), new Expectation { ExitCode = 0 }, Shell(0, ""));
        Assert.Equal((VerdictStatus.Passed, (VerdictReason)new ShellAsExpected(0)), (exit.Status, exit.Reason));
        var contains = ExpectationChecker.Check(Select, new Expectation { OutputContains = "(text)" }, Of(new CommandTag("SELECT 1")));
        Assert.Equal(VerdictStatus.Passed, contains.Status);
    }

    [Fact]
    public void A_shape_matcher_in_a_panel_still_wants_NULL_where_the_panel_shows_an_empty_cell()
    {
        var expect = new Expectation
        {
            Panel = "  pid  | xact_start \n-------+------------\n 24622 | \n 24623 | 2026-12-02 10:45:07.004841+00\n(2 rows)",
            Matchers = new Dictionary<string, Matcher> { ["xact_start"] = new Matcher.Shape(ValueShape.Timestamp) },
        };
        var nullThere = ExpectationChecker.Check(new SqlAction("SELECT pid, xact_start FROM a ORDER BY pid;"), expect,
            Of(Table(["pid", "xact_start"], ["31", null], ["32", "2030-01-01 00:00:00.5+00"])));
        var valueThere = ExpectationChecker.Check(new SqlAction("SELECT pid, xact_start FROM a ORDER BY pid;"), expect,
            Of(Table(["pid", "xact_start"], ["31", "2030-01-01 00:00:00.5+00"], ["32", "2030-01-01 00:00:00.5+00"])));

        Assert.Equal(VerdictStatus.Passed, nullThere.Status);
        Assert.Equal(VerdictStatus.Failed, valueThere.Status);
    }

    [Fact]
    public void Xmax_zero_is_data_and_a_transaction_id_is_volatile()
    {
        var expect = new Expectation { Panel = " xmin | xmax | id \n------+------+----\n  755 |    0 |  1\n  755 |  756 |  2\n(2 rows)" };
        var action = new SqlAction("SELECT xmin, xmax, id FROM t ORDER BY id;");

        Assert.Equal(VerdictStatus.Passed, ExpectationChecker.Check(action, expect, Of(Table(["xmin", "xmax", "id"], ["901", "0", "1"], ["901", "902", "2"]))).Status);
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(action, expect, Of(Table(["xmin", "xmax", "id"], ["901", "903", "1"], ["901", "902", "2"]))).Status);
    }

    [Fact]
    public void Pasted_shell_output_matches_without_the_spaces_at_line_ends()
    {
        var expect = new Expectation { OutputContains = "Ver Cluster Port\n15  main    5432\n" };
        Assert.Equal(VerdictStatus.Passed, ExpectationChecker.Check(new ShellAction("pg_lsclusters"), expect, Shell(0, "Ver Cluster Port   \n15  main    5432 \n")).Status);
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(new ShellAction("pg_lsclusters"), expect, Shell(0, "Ver Cluster Port\n15  main    5433\n")).Status);
    }
}
