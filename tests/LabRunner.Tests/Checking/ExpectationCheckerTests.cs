using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using static LabRunner.Tests.Checking.Outputs;
using LabRunner.Psql;
using LabRunner.Tests.Psql;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Checking;

public class ExpectationCheckerTests
{
    private const string SeedSql = "SELECT relname, n_live_tup, n_dead_tup, last_vacuum, last_autovacuum FROM pg_stat_user_tables WHERE relname = 'test_autovacuum';";
    private static readonly string[] SeedColumns = ["relname", "n_live_tup", "n_dead_tup", "last_vacuum", "last_autovacuum"];
    private static readonly SqlAction Seed = new(SeedSql);

    private static Expectation SeedPanel(Dictionary<string, Matcher>? matchers = null) =>
        new() { Panel = PanelCorpus.Read("seed-autovacuum.txt"), Matchers = matchers ?? new Dictionary<string, Matcher>() };

    private static StepOutput SeedOutput(string deadTuples = "0", string? lastAutovacuum = "2026-11-24 07:31:02.123456+00") =>
        Of(Table(SeedColumns, ["test_autovacuum", "666667", deadTuples, null, lastAutovacuum]));

    private static Verdict Check(Expectation expectation, StepOutput output, string sql = "SELECT 1") =>
        ExpectationChecker.Check(new SqlAction(sql), expectation, output);

    private static Expectation Rows(string[] columns, params string?[][] rows) => new() { Columns = columns, Rows = rows };

    [Fact]
    public void Seed_panel_passes_with_todays_autovacuum_timestamp_and_says_it_was_taken_as_volatile()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel(), SeedOutput());

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Contains(verdict.SaidNotes(), n => n.StartsWith("last_autovacuum:") && n.Contains("timestamp") && n.Contains("volatile"));
    }

    [Fact]
    public void Check_fails_when_a_cell_differs_and_names_the_cell_in_words()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel(), SeedOutput(deadTuples: "833333"));

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("row 1, n_dead_tup: expected 0, got 833333", verdict.Said());
        // Row and column in the actual result set; which result and which panel statement; the cell in the expected table.
        Assert.Equal(new CellDifference(1, 3, "n_dead_tup", "0", "833333") { ActualResult = 0, ExpectedStatement = 0, ExpectedRow = 0, ExpectedColumn = 2 },
            verdict.FirstDifference);
        Assert.NotNull(verdict.Diff);
        Assert.Contains("--- expected", verdict.Diff);
        Assert.Contains("- test_autovacuum |     666667 |          0 |", verdict.Diff);
        Assert.Contains("+ test_autovacuum |     666667 |     833333 |", verdict.Diff);
    }

    [Fact]
    public void Under_pset_null_a_pasted_panel_cell_is_compared_with_what_psql_showed_for_NULL()
    {
        var panel = new Expectation { Panel = " titulo | editorial \n--------+-----------\n Aura   | (nulo)\n(1 fila)\n" };
        var shown = Table(["titulo", "editorial"], ["Aura", null]) with { NullDisplay = "(nulo)" };

        Assert.Equal(VerdictStatus.Passed, Check(panel, Of(shown)).Status);
        // Without \pset null psql shows an empty cell: the panel's "(nulo)" is then a difference.
        Assert.Equal(VerdictStatus.Failed, Check(panel, Of(shown with { NullDisplay = "" })).Status);
    }

    [Fact]
    public void A_volatile_timestamp_still_has_to_be_a_timestamp()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel(), SeedOutput(lastAutovacuum: null));

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("row 1, last_autovacuum: expected any value shaped like a timestamp, got NULL", verdict.Said());
    }

    [Fact]
    public void A_pinned_exact_matcher_compares_a_timestamp_exactly()
    {
        var verdict = ExpectationChecker.Check(Seed, SeedPanel(new() { ["last_autovacuum"] = new Matcher.Exact() }), SeedOutput());

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.StartsWith("row 1, last_autovacuum: expected 2024-10-06 19:00:44.756802-05, got 2026-11-24", verdict.Said());
    }

    [Fact]
    public void An_empty_panel_cell_matches_NULL_and_the_empty_string()
    {
        var expectation = new Expectation { Panel = " a | b\n---+---\n   | x\n(1 row)\n" };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Table(["a", "b"], [null, "x"]))).Status);
        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Table(["a", "b"], ["", "x"]))).Status);
        Assert.Equal(VerdictStatus.Failed, Check(expectation, Of(Table(["a", "b"], ["y", "x"]))).Status);
    }

    [Fact]
    public void Structured_rows_tell_NULL_from_the_empty_string()
    {
        var expectation = Rows(["a"], new string?[] { null });

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Table(["a"], new string?[] { null }))).Status);
        var verdict = Check(expectation, Of(Table(["a"], [""])));
        Assert.Equal("row 1, a: expected NULL, got ''", verdict.Said());
    }

    [Fact]
    public void Rows_match_in_any_order_when_the_query_has_no_ORDER_BY()
    {
        var verdict = Check(Rows(["n"], ["1"], ["2"]), Of(Table(["n"], ["2"], ["1"])), "SELECT n FROM t");

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Contains(verdict.SaidNotes(), n => n.Contains("any order"));
    }

    [Fact]
    public void Rows_must_keep_their_order_when_the_query_has_ORDER_BY()
    {
        var verdict = Check(Rows(["n"], ["1"], ["2"]), Of(Table(["n"], ["2"], ["1"])), "SELECT n FROM t ORDER BY n DESC");

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("row 1, n: expected 1, got 2", verdict.Said());
    }

    [Fact]
    public void Ordered_false_overrides_ORDER_BY_and_ordered_true_forces_order()
    {
        var swapped = Of(Table(["n"], ["2"], ["1"]));

        Assert.Equal(VerdictStatus.Passed, Check(Rows(["n"], ["1"], ["2"]) with { Ordered = false }, swapped, "SELECT n FROM t ORDER BY n DESC").Status);
        Assert.Equal(VerdictStatus.Failed, Check(Rows(["n"], ["1"], ["2"]) with { Ordered = true }, swapped).Status);
    }

    [Fact]
    public void Unordered_mismatch_points_at_the_closest_row()
    {
        var verdict = Check(Rows(["k", "v"], ["a", "1"], ["b", "2"]), Of(Table(["k", "v"], ["b", "2"], ["a", "9"])));

        Assert.Equal("row 2 (closest to expected row 1), v: expected 1, got 9", verdict.Said());
        Assert.Equal(2, verdict.FirstDifference!.Row);
    }

    [Fact]
    public void Missing_and_extra_rows_are_counted_in_words()
    {
        Assert.Equal("expected 2 rows, got 1 row: row 2 (2) is missing",
            Check(Rows(["n"], ["1"], ["2"]), Of(Table(["n"], ["1"]))).Said());
        Assert.Equal("expected 1 row, got 2 rows: unexpected row 2 (2)",
            Check(Rows(["n"], ["1"]), Of(Table(["n"], ["1"], ["2"]))).Said());
    }

    [Fact]
    public void Different_columns_fail_unless_subset_is_asked()
    {
        var output = Of(Table(["a", "b", "c"], ["1", "2", "3"]));

        Assert.Equal("columns differ: expected (c, a), got (a, b, c)", Check(Rows(["c", "a"], ["3", "1"]), output).Said());
        Assert.Equal(VerdictStatus.Passed, Check(Rows(["c", "a"], ["3", "1"]) with { SubsetOfColumns = true }, output).Status);
        Assert.Equal("column z is missing: got (a, b, c)", Check(Rows(["z"], ["3"]) with { SubsetOfColumns = true }, output).Said());
    }

    [Theory]
    [InlineData("any", "whatever", true)]
    [InlineData("any", null, true)]
    [InlineData("not_null", "x", true)]
    [InlineData("not_null", null, false)]
    [InlineData("null", null, true)]
    [InlineData("null", "x", false)]
    public void Presence_matchers(string kind, string? actual, bool passes)
    {
        Matcher matcher = kind switch { "any" => new Matcher.Any(), "not_null" => new Matcher.NotNull(), _ => new Matcher.Null() };
        var expectation = Rows(["v"], ["expected"]) with { Matchers = new Dictionary<string, Matcher> { ["v"] = matcher } };

        Assert.Equal(passes, Check(expectation, Of(Table(["v"], [actual]))).Status == VerdictStatus.Passed);
    }

    [Theory]
    [InlineData(ValueShape.Timestamp, "2026-11-24 07:31:02.123456+00", true)]
    [InlineData(ValueShape.Timestamp, "2026-11-24 07:31:02", true)]
    [InlineData(ValueShape.Timestamp, "yesterday", false)]
    [InlineData(ValueShape.Date, "2026-11-24", true)]
    [InlineData(ValueShape.Date, "2026-11-24 07:31:02", false)]
    [InlineData(ValueShape.Lsn, "0/2000100", true)]
    [InlineData(ValueShape.Lsn, "16/B374D848", true)]
    [InlineData(ValueShape.Lsn, "0-2000100", false)]
    [InlineData(ValueShape.Pid, "48211", true)]
    [InlineData(ValueShape.Pid, "-1", false)]
    [InlineData(ValueShape.Uuid, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", true)]
    [InlineData(ValueShape.Uuid, "a0eebc99", false)]
    [InlineData(ValueShape.Interval, "00:00:01.234567", true)]
    [InlineData(ValueShape.Interval, "1 day 02:00:00", true)]
    [InlineData(ValueShape.Interval, "3 mons", true)]
    [InlineData(ValueShape.Interval, "soon", false)]
    public void Shape_matchers(ValueShape shape, string actual, bool passes)
    {
        var expectation = Rows(["v"], ["x"]) with { Matchers = new Dictionary<string, Matcher> { ["v"] = new Matcher.Shape(shape) } };

        Assert.Equal(passes, Check(expectation, Of(Table(["v"], [actual]))).Status == VerdictStatus.Passed);
    }

    [Theory]
    [InlineData(0.5, false, "10", "10.4", true)]
    [InlineData(0.5, false, "10", "10.6", false)]
    [InlineData(1, true, "666667", "660000", false)]
    [InlineData(1, true, "666667", "670000", true)]
    [InlineData(1, true, "666667", "abc", false)]
    public void Tolerance_matchers(double amount, bool percent, string expected, string actual, bool passes)
    {
        var expectation = Rows(["v"], [expected]) with { Matchers = new Dictionary<string, Matcher> { ["v"] = new Matcher.Tolerance(amount, percent) } };

        Assert.Equal(passes, Check(expectation, Of(Table(["v"], [actual]))).Status == VerdictStatus.Passed);
    }

    [Fact]
    public void Regex_matcher_and_its_message()
    {
        var expectation = Rows(["data"], ["x"]) with { Matchers = new Dictionary<string, Matcher> { ["data"] = new Matcher.Regex("^[0-9a-f]{32}$") } };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Table(["data"], ["0123456789abcdef0123456789abcdef"]))).Status);
        Assert.Equal("row 1, data: expected a value matching /^[0-9a-f]{32}$/, got nope", Check(expectation, Of(Table(["data"], ["nope"]))).Said());
    }

    [Fact]
    public void Volatile_LSN_and_pid_in_a_panel_count_as_any_value_of_that_shape()
    {
        var expectation = new Expectation { Panel = "  pid  | lsn\n-------+-----------\n 12345 | 0/2000100\n(1 row)\n" };

        var verdict = Check(expectation, Of(Table(["pid", "lsn"], ["777", "0/3A000028"])));

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal(2, verdict.SaidNotes().Count(n => n.Contains("volatile")));
    }

    [Fact]
    public void Expected_error_passes_by_SQLSTATE_whatever_the_language()
    {
        var expectation = new Expectation { ErrorSqlState = "42883" };

        var verdict = Check(expectation, Of(Error("42883", "no existe la función pg_start_backup(unknown, boolean)")));

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal("failed with 42883, as expected", verdict.Said());
    }

    [Fact]
    public void Expected_error_fails_on_another_SQLSTATE_or_on_success()
    {
        var expectation = new Expectation { ErrorSqlState = "42883" };

        Assert.Equal("expected error 42883, got ERROR 42P01: relation \"x\" does not exist", Check(expectation, Of(Error("42P01", "relation \"x\" does not exist"))).Said());
        Assert.Equal("expected error 42883, but the step ran without error", Check(expectation, Of(Table(["a"], ["1"]))).Said());
    }

    [Fact]
    public void A_panel_showing_an_error_with_SQLSTATE_is_compared_by_SQLSTATE()
    {
        var expectation = new Expectation { Panel = PanelCorpus.Read("error-verbose.txt") };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Error("42883", "la función no existe"))).Status);
        Assert.Equal(VerdictStatus.Failed, Check(expectation, Of(Table(["pg_backup_start"], ["0/2000028"]))).Status);
    }

    [Fact]
    public void A_panel_error_without_SQLSTATE_is_compared_by_text_and_the_message_says_how_to_pin_the_code()
    {
        var expectation = new Expectation { Panel = PanelCorpus.Read("error-spanish.txt") };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Error("42P01", "no existe la relación «no_existe»"))).Status);
        var verdict = Check(expectation, Of(Error("42P01", "relation \"no_existe\" does not exist")));
        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Contains("add `error: \"42P01\"`", verdict.Said());
    }

    [Fact]
    public void An_unexpected_error_fails_with_the_server_message()
    {
        var verdict = Check(Rows(["a"], ["1"]), Of(Error("42P01", "relation \"t\" does not exist")));

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("the step failed: ERROR 42P01: relation \"t\" does not exist", verdict.Said());
    }

    [Fact]
    public void A_step_without_expectation_ran_without_error_and_says_so_but_never_passed()
    {
        var verdict = ExpectationChecker.Check(new SqlAction("SELECT 1"), null, Of(Table(["a"], ["1"])));

        Assert.Equal(VerdictStatus.Ran, verdict.Status);
        Assert.Equal("ran without error; the step has no expected output to compare", verdict.Said());
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(new SqlAction("SELECT x"), null, Of(Error("42703", "column \"x\" does not exist"))).Status);
    }

    [Fact]
    public void Command_tags_are_compared_when_the_panel_shows_them()
    {
        var expectation = new Expectation { Panel = PanelCorpus.Read("custom-prompt-tags.txt") };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(new CommandTag("CREATE TABLE"), new CommandTag("INSERT 0 5"), new CommandTag("UPDATE 1"))).Status);
        Assert.Equal("expected UPDATE 1, got UPDATE 0", Check(expectation, Of(new CommandTag("CREATE TABLE"), new CommandTag("INSERT 0 5"), new CommandTag("UPDATE 0"))).Said());
    }

    [Fact]
    public void A_panel_of_the_last_query_is_held_against_the_last_result()
    {
        var expectation = new Expectation { Panel = " n\n---\n 2\n(1 row)\n" };

        var verdict = Check(expectation, Of(Table(["n"], ["1"]), Table(["n"], ["2"])));

        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Contains("compared the last 1 result of 2", verdict.SaidNotes());
    }

    [Fact]
    public void Several_SHOW_results_are_compared_in_order()
    {
        var expectation = new Expectation { Panel = PanelCorpus.Read("show-several.txt") };
        var output = Of(Table(["autovacuum"], ["on"]), Table(["autovacuum_vacuum_threshold"], ["50"]), Table(["autovacuum_vacuum_scale_factor"], ["0.1"]));

        Assert.Equal("row 1, autovacuum_vacuum_scale_factor: expected 0.2, got 0.1", Check(expectation, output).Said());
    }

    [Fact]
    public void Notices_match_wherever_the_paste_put_them()
    {
        var expectation = new Expectation { Panel = "DO\nNOTICE:  hola 42\n" };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(new ServerNotice("NOTICE", "00000", "hola 42", null, null), new CommandTag("DO"))).Status);
        Assert.Equal("expected NOTICE \"hola 42\", got \"hola 41\"",
            Check(expectation, Of(new ServerNotice("NOTICE", "00000", "hola 41", null, null), new CommandTag("DO"))).Said());
    }

    [Fact]
    public void A_timed_out_step_is_an_error_not_a_failure()
    {
        var output = new StepOutput("", [], StepOutcome.TimedOut, TimeSpan.FromSeconds(30));

        var verdict = Check(Rows(["a"], ["1"]), output);

        Assert.Equal(VerdictStatus.Error, verdict.Status);
        Assert.Equal("timed out after 30.0 s", verdict.Said());
    }

    [Fact]
    public void Shell_exit_code_and_output_checks()
    {
        var shell = new ShellAction("ls");

        Assert.Equal(VerdictStatus.Ran, ExpectationChecker.Check(shell, null, Shell(0, "ok")).Status);
        Assert.Equal("exit code: expected 0, got 23 (rsync error at main.c)", ExpectationChecker.Check(shell, null, Shell(23, "a\nrsync error at main.c\n\n")).Said());
        Assert.Equal(VerdictStatus.Passed, ExpectationChecker.Check(shell, new Expectation { ExitCode = 23 }, Shell(23, "")).Status);
        Assert.Equal(VerdictStatus.Passed, ExpectationChecker.Check(shell, new Expectation { OutputContains = "backup_label" }, Shell(0, "x\nbackup_label\n")).Status);
        Assert.Equal("output does not contain \"backup_label\"", ExpectationChecker.Check(shell, new Expectation { OutputContains = "backup_label" }, Shell(0, "x")).Said());
        Assert.Equal(VerdictStatus.Passed, ExpectationChecker.Check(shell, new Expectation { OutputMatches = @"^sent \d+ bytes" }, Shell(0, "a\nsent 120 bytes\n")).Status);
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(shell, new Expectation { OutputMatches = @"^sent \d+ bytes" }, Shell(0, "nothing")).Status);
    }

    [Fact]
    public void Multi_line_values_compare_line_by_line()
    {
        var expectation = new Expectation { Panel = PanelCorpus.Read("multiline-cells.txt") };

        Assert.Equal(VerdictStatus.Passed, Check(expectation, Of(Table(["x", "y", "z"], ["a\nbc", "1", "foo\nb"]))).Status);
    }

    [Fact]
    public void A_server_step_that_failed_fails_even_with_nothing_expected_and_says_the_first_line()
    {
        var start = new ServerAction(ServerOperation.StartOn, "restaurado") { DataDirectory = "/var/lib/postgresql/backup1" };
        var failed = Shell(1, "The sandbox PostgreSQL server restaurado did not start: FATAL:  could not locate required checkpoint record\n(pg_ctl: could not start server)\n--- log ---\n...\n");

        var verdict = ExpectationChecker.Check(start, null, failed);

        Assert.Equal(VerdictStatus.Failed, verdict.Status);
        Assert.Equal("The sandbox PostgreSQL server restaurado did not start: FATAL:  could not locate required checkpoint record", Assert.IsType<ServerStepFailed>(verdict.Reason).Problem);
        Assert.Equal(VerdictStatus.Ran, ExpectationChecker.Check(start, null, Shell(0, "server restaurado started\n")).Status);
    }

    [Theory]
    [InlineData("e", "(5 filas)", VerdictStatus.Passed)]
    [InlineData("x", "(5 filas)", VerdictStatus.Failed)]
    [InlineData("e", "(6 filas)", VerdictStatus.Failed)]
    public void A_panel_shortened_with_dots_compares_its_first_and_last_rows_and_its_footer(string last, string footer, VerdictStatus status)
    {
        var panel = $" id | t \n----+---\n  1 | a\n  2 | b\n...\n  5 | {last}\n{footer}\n";
        var output = Of(Table(["id", "t"], ["1", "a"], ["2", "b"], ["3", "c"], ["4", "d"], ["5", "e"]));

        var verdict = Check(new Expectation { Panel = panel }, output, "SELECT id, t FROM x ORDER BY id");

        Assert.Equal(status, verdict.Status);
    }
}
