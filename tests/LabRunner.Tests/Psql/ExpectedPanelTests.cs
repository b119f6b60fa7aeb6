using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

public class ExpectedPanelTests
{
    private static ExpectedPanel Corpus(string name) => ExpectedPanel.Parse(PanelCorpus.Read(name));

    [Fact]
    public void Seed_panel_yields_one_table_with_the_echoed_query()
    {
        var panel = Corpus("seed-autovacuum.txt");

        var table = Assert.IsType<ExpectedTable>(Assert.Single(panel.Statements));
        Assert.Equal(["relname", "n_live_tup", "n_dead_tup", "last_vacuum", "last_autovacuum"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal(["test_autovacuum", "666667", "0", "", "2024-10-06 19:00:44.756802-05"], row);
        Assert.Equal(1, table.FooterCount);
        Assert.StartsWith("SELECT relname, n_live_tup", table.Query);
        Assert.EndsWith("WHERE relname = 'test_autovacuum';", table.Query);
    }

    [Fact]
    public void A_void_functions_blank_value_is_a_row_not_the_end_of_the_table()
    {
        var panel = ExpectedPanel.Parse(" pg_sleep \n----------\n \n(1 row)\n\n pg_advisory_unlock \n--------------------\n t\n(1 row)\n");

        Assert.Equal(2, panel.Statements.Count);
        var sleep = Assert.IsType<ExpectedTable>(panel.Statements[0]);
        Assert.Equal([""], Assert.Single(sleep.Rows));
        Assert.Equal(1, sleep.FooterCount);
        Assert.Equal(["t"], Assert.Single(Assert.IsType<ExpectedTable>(panel.Statements[1]).Rows));
    }

    [Fact]
    public void Continuation_prompts_are_part_of_the_query_and_Spanish_footers_count()
    {
        var table = Assert.Single(Corpus("spanish-footer-ordered.txt").Tables);

        Assert.Equal("SELECT id, nombre, saldo\n  FROM cuentas\n ORDER BY id;", table.Query);
        Assert.Equal(3, table.FooterCount);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(["3", "María", "0.00"], table.Rows[2]);
    }

    [Fact]
    public void Expanded_records_become_rows_and_continued_values_join_with_newlines()
    {
        var panel = Corpus("expanded-two-records.txt");

        var table = Assert.Single(panel.Tables);
        Assert.True(table.Expanded);
        Assert.Equal(["name", "setting", "short_desc"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["autovacuum", "on", "Starts the autovacuum subprocess."], table.Rows[0]);
        Assert.Equal("Time to sleep between autovacuum runs.\n(second line)", table.Rows[1][2]);
        Assert.Contains(panel.Statements, s => s is ExpectedText { Text: "Expanded display is on." });
        Assert.StartsWith("SELECT name, setting", table.Query);
    }

    [Fact]
    public void Multi_line_cells_marked_with_plus_join_with_newlines()
    {
        var table = Assert.Single(Corpus("multiline-cells.txt").Tables);

        var row = Assert.Single(table.Rows);
        Assert.Equal(["a\nbc", "1", "foo\nb"], row);
    }

    [Fact]
    public void A_verbose_error_gives_its_SQLSTATE_and_hint()
    {
        var error = Assert.IsType<ExpectedError>(Assert.Single(Corpus("error-verbose.txt").Statements));

        Assert.Equal("ERROR", error.Severity);
        Assert.Equal("42883", error.SqlState);
        Assert.Equal("function pg_start_backup(unknown, boolean) does not exist", error.Message);
        Assert.StartsWith("No function matches", error.Hint);
        Assert.Equal("SELECT pg_start_backup('backup1', false);", error.Query);
    }

    [Fact]
    public void A_Spanish_error_without_SQLSTATE_keeps_its_message_and_drops_the_position_lines()
    {
        var error = Assert.IsType<ExpectedError>(Assert.Single(Corpus("error-spanish.txt").Statements));

        Assert.Null(error.SqlState);
        Assert.Equal("no existe la relación «no_existe»", error.Message);
    }

    [Fact]
    public void Custom_prompts_and_command_tags_are_read_in_order()
    {
        var statements = Corpus("custom-prompt-tags.txt").Statements;

        Assert.Equal(["CREATE TABLE", "INSERT 0 5", "UPDATE 1"], statements.Cast<ExpectedTag>().Select(t => t.Tag));
        Assert.Equal("UPDATE t SET v = 'y' WHERE id = 1;", statements[2].Query);
    }

    [Fact]
    public void A_notice_comes_before_the_table_and_multi_line_values_in_a_middle_column_join()
    {
        var statements = Corpus("notice-and-table.txt").Statements;

        Assert.Equal(2, statements.Count);
        var notice = Assert.IsType<ExpectedNotice>(statements[0]);
        Assert.StartsWith("WAL archiving is not enabled", notice.Message);
        var table = Assert.IsType<ExpectedTable>(statements[1]);
        Assert.Equal(["lsn", "labelfile", "spcmapfile"], table.Columns);
        var row = Assert.Single(table.Rows);
        Assert.Equal("0/2000100", row[0]);
        Assert.Equal("START WAL LOCATION: 0/2000028 (file 000000010000000000000002)\nCHECKPOINT LOCATION: 0/2000060\nBACKUP METHOD: streamed", row[1]);
        Assert.Equal("", row[2]);
    }

    [Fact]
    public void Empty_results_aligned_and_expanded_have_no_rows()
    {
        var tables = Corpus("empty-results.txt").Tables.ToList();

        Assert.Equal(2, tables.Count);
        Assert.Equal(["relname"], tables[0].Columns);
        Assert.Empty(tables[0].Rows);
        Assert.Equal(0, tables[0].FooterCount);
        Assert.True(tables[1].Expanded);
        Assert.Empty(tables[1].Columns);
        Assert.Equal(0, tables[1].FooterCount);
    }

    [Fact]
    public void Wide_characters_do_not_shift_cells()
    {
        var table = Assert.Single(Corpus("wide-characters.txt").Tables);

        Assert.Equal(["n", "b", "j"], table.Columns);
        Assert.Equal(["ñandú", "2", "日本"], table.Rows[0]);
        Assert.Equal(["ñu", "3", "日"], table.Rows[1]);
    }

    [Fact]
    public void Several_statements_separated_by_blank_lines_are_each_a_table()
    {
        var tables = Corpus("show-several.txt").Tables.ToList();

        Assert.Equal(["autovacuum", "autovacuum_vacuum_threshold", "autovacuum_vacuum_scale_factor"], tables.Select(t => t.Columns.Single()));
        Assert.Equal(["on", "50", "0.2"], tables.Select(t => t.Rows.Single().Single()));
        Assert.Equal("SHOW autovacuum_vacuum_threshold;", tables[1].Query);
    }

    [Fact]
    public void A_bare_table_without_prompt_or_footer_parses()
    {
        var table = Assert.Single(ExpectedPanel.Parse(" count\n-------\n     1\n").Tables);

        Assert.Equal(["count"], table.Columns);
        Assert.Equal(["1"], Assert.Single(table.Rows));
        Assert.Null(table.FooterCount);
        Assert.Null(table.Query);
    }

    [Fact]
    public void Windows_line_endings_and_leading_blank_lines_do_not_matter()
    {
        var table = Assert.Single(ExpectedPanel.Parse("\r\n\r\n a | b \r\n---+---\r\n 1 | x\r\n(1 row)\r\n").Tables);

        Assert.Equal(["1", "x"], Assert.Single(table.Rows));
    }

    [Fact]
    public void A_value_holding_a_pipe_is_split_by_the_rule_columns()
    {
        var table = Assert.Single(ExpectedPanel.Parse("  a  | b\n-----+---\n x|y | 1\n(1 row)\n").Tables);

        Assert.Equal(["x|y", "1"], Assert.Single(table.Rows));
    }

    [Fact]
    public void A_query_without_semicolon_ends_at_the_table_header()
    {
        var table = Assert.Single(ExpectedPanel.Parse("curso=> SELECT 1 AS a\nFROM t\n a\n---\n 1\n(1 row)\n").Tables);

        Assert.Equal("SELECT 1 AS a\nFROM t", table.Query);
        Assert.Equal(["a"], table.Columns);
    }

    [Fact]
    public void Describe_output_keeps_its_rows_and_leaves_the_footers_out()
    {
        var panel = Corpus("describe-table-footers.txt");

        var table = Assert.Single(panel.Tables);
        Assert.Equal(["Column", "Type", "Collation", "Nullable", "Default"], table.Columns);
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["v", "text", "", "", ""], table.Rows[1]);
        Assert.Contains(panel.Statements, s => s is ExpectedText { Text: "Table \"public.t\"" });
        Assert.Contains(panel.Statements, s => s is ExpectedText { Text: "Indexes:" });
    }

    [Fact]
    public void A_paste_indented_as_a_whole_is_read_as_if_it_were_not()
    {
        var table = Assert.Single(Corpus("indented-paste.txt").Tables);

        Assert.Equal("SELECT 1 AS a, 2 AS b;", table.Query);
        Assert.Equal(["1", "2"], Assert.Single(table.Rows));
        Assert.Equal(1, table.FooterCount);
    }

    [Fact]
    public void A_one_column_row_with_an_empty_value_is_a_row_not_the_end_of_the_table()
    {
        var panel = ExpectedPanel.Parse(" pg_stat_statements_reset \n--------------------------\n \n(1 fila)\n\n count \n-------\n     1\n(1 fila)\n");

        Assert.Equal(2, panel.Tables.Count());
        Assert.Equal([[""]], panel.Tables.First().Rows);
        Assert.Equal(1, panel.Tables.First().FooterCount);
    }

    [Theory]
    [InlineData("...")]
    [InlineData("(...)")]
    [InlineData("…")]
    public void A_row_of_dots_marks_rows_the_author_left_out(string mark)
    {
        var table = Assert.Single(ExpectedPanel.Parse($" id | nombre \n----+--------\n  1 | a\n  2 | b\n{mark}\n 99 | z\n(99 filas)\n").Tables);

        Assert.Equal(3, table.Rows.Count);
        Assert.Equal(2, table.ElidedAt);
        Assert.Equal(99, table.FooterCount);
    }
}
