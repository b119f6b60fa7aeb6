using LabRunner.Labs;

namespace LabRunner.Tests.Labs;

public class LabLoaderTests
{
    private const string Head = "id: x\ntitle: X\ntasks:\n  - id: t\n    title: T\n    steps:\n      - id: s\n        title: S\n";

    private static Lab Load(string yaml)
    {
        var result = LabLoader.LoadText(yaml, "/labs/x/lab.yaml");
        Assert.True(result.Lab is not null, string.Join("\n", result.Diagnostics));
        return result.Lab!;
    }

    private static Step OnlyStep(string stepLines) => Load(Head + stepLines).Tasks[0].Steps[0];

    [Fact]
    public void Defaults_fill_what_a_lab_leaves_out()
    {
        var lab = Load(Head + "        sql: SELECT 1;\n");

        Assert.Equal("en", lab.Language);
        Assert.Equal("postgres", lab.Server.Database);
        Assert.Equal(VersionRange.Any, lab.Server.Versions);
        Assert.Null(lab.Tasks[0].Points);
        Assert.Equal(1, lab.Tasks[0].MaxPoints);
        Assert.Equal(FeedbackLevel.Differences, lab.Feedback);
        var sql = Assert.IsType<SqlAction>(lab.Tasks[0].Steps[0].Action);
        Assert.Equal(("SELECT 1;", "main", null), (sql.Sql, sql.Session, sql.Database));
        Assert.Null(lab.Tasks[0].Steps[0].Expect);
    }

    [Fact]
    public void Tasks_steps_and_expectations_know_where_they_were_written()
    {
        var lab = Load(Head + "        sql: SELECT 1;\n        expect:\n          output_contains: \"1\"\n");

        Assert.Equal(new SourceLocation("/labs/x/lab.yaml", 4, 5), lab.Tasks[0].Location);
        Assert.Equal(new SourceLocation("/labs/x/lab.yaml", 7, 9), lab.Tasks[0].Steps[0].Location);
        Assert.Equal(new SourceLocation("/labs/x/lab.yaml", 11, 11), lab.Tasks[0].Steps[0].Expect!.Location);
    }

    [Fact]
    public void Windows_line_endings_give_the_same_locations()
    {
        var result = LabLoader.LoadText((Head + "        sesion: a\n        sql: SELECT 1;\n").Replace("\n", "\r\n"), "x.yaml");

        Assert.Equal("x.yaml:9:9: error: unknown key \"sesion\" — did you mean \"session\"?", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void Sql_step_options_and_variants_share_the_session()
    {
        var step = OnlyStep("        sql: SELECT 1;\n        session: second\n        database: other\n        timeout: 1.5m\n        hint: Try again\n" +
                            "        variants:\n          - versions: \"15-16\"\n            sql: SELECT 2;\n");

        Assert.Equal(TimeSpan.FromSeconds(90), step.Timeout);
        Assert.Equal("Try again", step.Hint);
        var variant = Assert.IsType<SqlAction>(step.ActionFor(16));
        Assert.Equal(("SELECT 2;", "second", "other"), (variant.Sql, variant.Session, variant.Database));
        Assert.Equal("SELECT 1;", step.ActionFor(17).Command);
    }

    [Fact]
    public void Block_commands_lose_only_their_final_line_break()
    {
        var step = OnlyStep("        shell: |\n          echo a\n\n          echo b\n");
        Assert.Equal("echo a\n\necho b", Assert.IsType<ShellAction>(step.Action).Script);
    }

    [Fact]
    public void Rows_keep_text_and_null_apart()
    {
        var expect = OnlyStep("        sql: SELECT 1;\n        expect:\n          columns: [a, b, c, d]\n          rows:\n            - [null, \"null\", ~, 007]\n").Expect!;

        Assert.Equal(["a", "b", "c", "d"], expect.Columns!);
        Assert.Equal([null, "null", null, "007"], expect.Rows![0]);
    }

    [Theory]
    [InlineData("exact", typeof(Matcher.Exact))]
    [InlineData("any", typeof(Matcher.Any))]
    [InlineData("not_null", typeof(Matcher.NotNull))]
    [InlineData("null", typeof(Matcher.Null))]
    public void Simple_matchers_are_parsed(string written, Type expected)
    {
        var expect = OnlyStep($"        sql: SELECT 1 AS a;\n        expect:\n          columns: [a]\n          rows: [[\"1\"]]\n          match: {{ a: {written} }}\n").Expect!;
        Assert.IsType(expected, expect.Matchers["a"]);
    }

    [Fact]
    public void Shape_tolerance_and_regex_matchers_are_parsed()
    {
        var expect = OnlyStep("        sql: SELECT 1;\n        expect:\n          panel: x\n          match:\n" +
                              "            a: timestamp\n            b: lsn\n            c: { tolerance: 1.5% }\n            d: { tolerance: 0.5 }\n            e: { regex: '^\\d+$' }\n").Expect!;

        Assert.Equal(new Matcher.Shape(ValueShape.Timestamp), expect.Matchers["a"]);
        Assert.Equal(new Matcher.Shape(ValueShape.Lsn), expect.Matchers["b"]);
        Assert.Equal(new Matcher.Tolerance(1.5, true), expect.Matchers["c"]);
        Assert.Equal(new Matcher.Tolerance(0.5, false), expect.Matchers["d"]);
        Assert.Equal(new Matcher.Regex(@"^\d+$"), expect.Matchers["e"]);
    }

    [Fact]
    public void Expect_options_are_parsed()
    {
        var expect = OnlyStep("        shell: ls\n        expect:\n          exit_code: 2\n          output_contains: backup_label\n" +
                              "          output_matches: \"^total\"\n          eventually: { within: 30s }\n").Expect!;

        Assert.Equal(2, expect.ExitCode);
        Assert.Equal("backup_label", expect.OutputContains);
        Assert.Equal("^total", expect.OutputMatches);
        Assert.Equal(new Eventually(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(2)), expect.Eventually);
        Assert.Null(expect.Ordered);
        Assert.False(expect.SubsetOfColumns);
    }

    [Fact]
    public void Sql_error_expectation_takes_an_unquoted_sqlstate_too()
    {
        Assert.Equal("42883", OnlyStep("        sql: SELECT f();\n        expect:\n          error: 42883\n").Expect!.ErrorSqlState);
        Assert.Equal("22P02", OnlyStep("        sql: SELECT 'x'::int;\n        expect:\n          error: 22P02\n").Expect!.ErrorSqlState);
    }

    [Fact]
    public void Checks_take_their_id_as_title_when_they_have_none()
    {
        var task = Load(Head + "        sql: SELECT 1;\n    checks:\n      - id: has-table\n        sql: SELECT 1;\n").Tasks[0];
        Assert.Equal("has-table", Assert.Single(task.Checks).Title);
    }

    [Fact]
    public void Anchors_and_aliases_can_share_text()
    {
        var lab = Load(Head + "        sql: &q SELECT 1;\n      - id: s2\n        title: S2\n        sql: *q\n");
        Assert.Equal("SELECT 1;", lab.Tasks[0].Steps[1].Action.Command);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("2m", 120_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("0.5s", 500)]
    public void Durations_are_a_number_and_a_unit(string text, int milliseconds)
    {
        Assert.True(LabDurations.TryParse(text, out var d));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), d);
        Assert.True(LabDurations.TryParse(LabDurations.Format(d), out var again));
        Assert.Equal(d, again);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("30 sec")]
    [InlineData("2 minutes")]
    [InlineData("")]
    public void Durations_without_a_known_unit_are_refused(string text) => Assert.False(LabDurations.TryParse(text, out _));

    [Theory]
    [InlineData("sesion", "session")]
    [InlineData("exitCode", "exit_code")]
    [InlineData("Output-Contains", "output_contains")]
    [InlineData("tittle", "title")]
    [InlineData("data_dir", "data_directory")]
    [InlineData("zzz", null)]
    public void Did_you_mean_finds_the_intended_word(string typed, string? meant)
    {
        string[] known = ["session", "exit_code", "output_contains", "title", "data_directory", "timeout"];
        Assert.Equal(meant, DidYouMean.Suggest(typed, known));
    }

    [Theory]
    [InlineData("Tarea 1. Índices", "tarea-1-indices")]
    [InlineData("respaldo_autovacuum", "respaldo-autovacuum")]
    public void Slugs_are_valid_ids(string text, string slug)
    {
        Assert.Equal(slug, LabIds.Slug(text));
        Assert.True(LabIds.IsValid(slug));
    }
}
