using LabRunner.Execution;
using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

/// <summary>Server-free checks of the formatter; the corpus proves it against real psql.</summary>
public sealed class PsqlFormatterTests
{
    private static ResultSet Rows(ResultColumn[] columns, params string?[][] rows) =>
        new(columns, rows, rows.Length, RowHash.Of(rows));

    [Fact]
    public void A_table_matches_the_stack_notes_example() =>
        Assert.Equal(" relname | n_live_tup \n---------+------------\n orders  |          2\n(1 row)\n\n",
            PsqlFormatter.Format(Rows([new("relname", "name", false), new("n_live_tup", "bigint", true)], ["orders", "2"])));

    [Fact]
    public void Wide_characters_take_two_columns() =>
        Assert.Equal("  w   | a \n------+---\n 日本 | x\n(1 row)\n\n",
            PsqlFormatter.Format(Rows([new("w", "text", false), new("a", "text", false)], ["日本", "x"])));

    [Fact]
    public void A_title_is_centred_and_custom_footers_replace_the_row_count() =>
        Assert.Equal(" T\n a \n---\n x\nfoot\n\n",
            PsqlFormatter.Format(Rows([new("a", "text", false)], ["x"]) with { Title = "T", Footers = ["foot"] }));

    [Fact]
    public void Expanded_records_have_a_record_line_and_no_row_count() =>
        Assert.Equal("-[ RECORD 1 ]\na | 1\nb | \n\n",
            PsqlFormatter.Format(Rows([new("a", "int4", true), new("b", "text", false)], ["1", null]), expanded: true));

    [Fact]
    public void An_error_shows_the_line_and_a_caret_under_the_position() =>
        Assert.Equal("ERROR:  column \"nope\" does not exist\nLINE 2:   nope\n          ^\nHINT:  h\n",
            PsqlFormatter.Format(new StatementError("ERROR", "42703", "column \"nope\" does not exist", null, "h", 13, "SELECT 1,\n  nope")));

    [Fact]
    public void Notices_show_detail_and_hint_but_not_context() =>
        Assert.Equal("WARNING:  w\nDETAIL:  d\n", PsqlFormatter.Format(new ServerNotice("WARNING", "01000", "w", "d", null)));
}
