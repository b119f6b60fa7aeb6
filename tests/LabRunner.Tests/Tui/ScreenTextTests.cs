using LabRunner.Checking;
using LabRunner.Psql;
using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

public class ScreenTextTests
{
    [Fact]
    public void A_pasted_panel_loses_its_prompt_and_echoed_query()
    {
        var panel = "curso=> SELECT relname\nFROM t;\n relname \n---------\n t\n(1 row)\n";
        Assert.Equal(" relname \n---------\n t\n(1 row)", ScreenText.Panel(panel, null).Text);
    }

    [Fact]
    public void The_expected_cell_is_placed_by_the_panel_reader_even_when_the_paste_is_indented()
    {
        var panel = "   curso=> SELECT k, v FROM t;\n    k | v\n   ---+----\n    a | 1\n    b | 22\n   (2 rows)\n";
        var diff = new CellDifference(1, 2, "v", "22", "9") { ExpectedStatement = 0, ExpectedRow = 1, ExpectedColumn = 1 };

        var (text, cell) = ScreenText.Panel(panel, diff);

        var lines = text.Split('\n');
        Assert.Equal(" k | v", lines[0]); // dedented, from the header on
        Assert.Equal(new CellSpan(3, 4, 3), cell);
        Assert.Equal(" 22", lines[3].Substring(cell!.Value.Start, cell.Value.Length));
    }

    [Fact]
    public void Structured_expectations_are_shown_as_a_psql_table_with_their_cells_placed()
    {
        var (text, layout) = ScreenText.StructuredTable(["relname", "n"], [["orders", "2"]]);

        Assert.Equal(" relname | n \n---------+---\n orders  | 2\n(1 row)", text);
        Assert.Equal(new CellSpan(2, 10, 2), layout.Cell(0, 1)); // " 2": a last column has no padding after it
        Assert.Null(layout.Cell(1, 0));
    }

    [Fact]
    public void Progress_lines_rewound_with_carriage_returns_show_their_last_state()
    {
        var pane = new TextPane();
        pane.Show("PG_VERSION\n\r   1 50%\r   3 100%\nnext\r");
        Assert.Equal(["PG_VERSION", "   3 100%", "next"], pane.Lines);
    }

    /// <summary>
    /// Terminal.Gui's Markdown view breaks a run of text wherever the edge falls ("modif|icó"): the instructions reach it
    /// wrapped at word boundaries, with hard line breaks, a code span or a link never split, code blocks untouched.
    /// </summary>
    [Fact]
    public void Markdown_is_wrapped_at_word_boundaries_with_hard_breaks()
    {
        var md = "Eliminar el servidor restaurado (su configuración y la copia, que la recuperación ya modificó):\n\n" +
                 "- una lista con `pg_backup_start('backup1', false)` y [un enlace](https://example.com) que sigue y sigue\n\n" +
                 "```sql\nSELECT una_linea_de_codigo_muy_larga, otra_columna_mas, y_otra_mas_todavia FROM t;\n```\n## Un título\n";

        var wrapped = ScreenText.WrapMarkdown(md, 40);
        var lines = wrapped.Split('\n');

        Assert.Equal(
        [
            "Eliminar el servidor restaurado (su\\",
            "configuración y la copia, que la\\",
            "recuperación ya modificó):",
            "",
            "- una lista con\\",
            "  `pg_backup_start('backup1', false)` y\\",
            "  [un enlace](https://example.com) que sigue y sigue",
            "",
            "```sql",
            "SELECT una_linea_de_codigo_muy_larga, otra_columna_mas, y_otra_mas_todavia FROM t;",
            "```",
            "## Un título",
            "",
        ], lines);
        // The author's hard breaks stay where they were; the parts between them are wrapped.
        Assert.Equal(["**Paso 6.** · Tarea 3\\", "Eliminar el servidor restaurado (su\\", "configuración y la copia"],
            ScreenText.WrapMarkdown("**Paso 6.** · Tarea 3\\\nEliminar el servidor restaurado (su configuración y la copia", 40).Split('\n'));
        // Every word is whole, on a line that fits once the view has drawn its marks.
        Assert.Equal(md.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries), wrapped.Replace("\\\n", " ").Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries));
    }
}
