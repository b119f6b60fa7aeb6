using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

public class ScreenTextTests
{
    [Theory]
    [InlineData(null, "es_MX.UTF-8", null, "es")]
    [InlineData(null, null, "es_ES.UTF-8", "es")]
    [InlineData(null, "en_US.UTF-8", "es_ES.UTF-8", "en")]
    [InlineData("en", "es_ES.UTF-8", null, "en")]
    [InlineData("es", null, null, "es")]
    [InlineData(null, null, null, "en")]
    [InlineData(null, "C", null, "en")]
    public void The_interface_language_comes_from_lang_then_LC_ALL_then_LANG(string? option, string? lcAll, string? lang, string expected)
    {
        var env = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LANG"] = lang };
        Assert.Equal(expected, UiText.Resolve(option, name => env.GetValueOrDefault(name)).Code);
    }

    [Fact]
    public void Both_languages_define_every_string()
    {
        foreach (var p in typeof(UiText).GetProperties().Where(p => p.PropertyType == typeof(string)))
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)p.GetValue(UiText.Spanish)), p.Name);
            Assert.False(string.IsNullOrWhiteSpace((string?)p.GetValue(UiText.English)), p.Name);
        }
        Assert.NotEqual(UiText.English.Run, UiText.Spanish.Run);
    }

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
