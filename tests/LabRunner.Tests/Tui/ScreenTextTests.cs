using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

public class ScreenTextTests
{
    [Fact]
    public void A_pasted_panel_loses_its_prompt_and_echoed_query()
    {
        var panel = "curso=> SELECT relname\nFROM t;\n relname \n---------\n t\n(1 row)\n";
        Assert.Equal(" relname \n---------\n t\n(1 row)", ScreenText.PanelTable(panel));
    }

    [Fact]
    public void Structured_expectations_are_shown_as_a_psql_table()
    {
        Assert.Equal(" relname | n \n---------+---\n orders  | 2\n(1 row)", ScreenText.FormatTable(["relname", "n"], [["orders", "2"]]));
    }

    [Fact]
    public void The_cell_a_verdict_points_at_is_found_in_the_table()
    {
        var lines = " relname | n_dead_tup \n---------+------------\n orders  |          2\n(1 row)".Split('\n');
        Assert.Equal(new TableLocator.Span(2, 10, 12), TableLocator.Cell(lines, 0, 1));
        Assert.Equal(new TableLocator.Span(2, 0, 9), TableLocator.Cell(lines, 0, 0));
        Assert.Null(TableLocator.Cell(lines, 1, 0)); // the footer is not a row
        Assert.Null(TableLocator.Cell(lines, 0, 2));
        Assert.Null(TableLocator.Cell(["CREATE TABLE"], 0, 0));
    }

    [Fact]
    public void Progress_lines_rewound_with_carriage_returns_show_their_last_state()
    {
        var pane = new TextPane();
        pane.Show("PG_VERSION\n\r   1 50%\r   3 100%\nnext\r");
        Assert.Equal(["PG_VERSION", "   3 100%", "next"], pane.Lines);
    }
}
