using LabRunner.Tests.Support;
using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

/// <summary>The renderer and the panel reader say where every cell is, so nobody reads rendered text back to find one.</summary>
public sealed class PsqlTextTests
{
    private static ResultSet Set(string[] names, bool[] right, params string?[][] rows) =>
        new(names.Select((n, k) => new ResultColumn(n, right[k] ? "int" : "text", right[k])).ToList(), rows, rows.Length, "h");

    /// <summary>The text under a span, without the padding and psql's '+' continuation mark.</summary>
    private static string Under(IReadOnlyList<string> lines, CellSpan span)
    {
        var line = lines[span.Line];
        var end = Math.Min(line.Length, span.Start + span.Length);
        return span.Start >= end ? "" : line[span.Start..end].Trim().TrimEnd('+').TrimEnd();
    }

    [Fact]
    public void Every_cell_of_a_rendered_table_is_placed_where_its_text_is()
    {
        var text = new PsqlText();
        text.Append(new CommandTag("BEGIN"));
        text.Append(Set(["name", "n", "note"], [false, true, false], ["año", "12", "two\nlines"], ["x", null, "ünï"], ["wide 漢字", "7", ""]));
        text.Append(new CommandTag("COMMIT"));

        var table = Assert.Single(text.Tables);
        Assert.Equal(1, table.Result); // the second result of the step
        var lines = text.Text.Split('\n');
        Assert.Equal(["name", "n", "note"], table.Layout.Headers.Select(h => Under(lines, h)));
        Assert.Equal(["año", "12", "two"], table.Layout.Rows[0].Select(c => Under(lines, c)));
        Assert.Equal(["x", "", "ünï"], table.Layout.Rows[1].Select(c => Under(lines, c)));
        Assert.Equal(["wide 漢字", "7", ""], table.Layout.Rows[2].Select(c => Under(lines, c)));
        Assert.Equal(3, table.Layout.Rows[0][0].Line); // after "BEGIN", the header and the rule
        Assert.Equal(5, table.Layout.Rows[1][0].Line); // the two-line cell took two lines
    }

    [Fact]
    public void Expanded_records_place_their_values()
    {
        var text = new PsqlText();
        text.Append(Set(["a", "bb"], [false, true], ["x", "1"], ["yy", "22"]), expanded: true);

        var layout = Assert.Single(text.Tables).Layout;
        var lines = text.Text.Split('\n');
        Assert.Equal(["x", "1"], layout.Rows[0].Select(c => Under(lines, c)));
        Assert.Equal(["yy", "22"], layout.Rows[1].Select(c => Under(lines, c)));
    }

    [Fact]
    public void The_text_is_psqls_own()
    {
        var set = Set(["relname", "n"], [false, true], ["orders", "2"]);
        var text = new PsqlText();
        text.Append(set);
        Assert.Equal(PsqlFormatter.Format(set), text.Text);
    }

    public static TheoryData<string> Panels => new(Directory.GetFiles(Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Psql", "Panels")).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Panels))]
    public void The_panel_reader_places_every_cell_it_reads(string file)
    {
        var panel = ExpectedPanel.Parse(PanelCorpus.Read(file));

        foreach (var table in panel.Tables.Where(t => !t.Expanded))
        {
            var layout = Assert.IsType<TableLayout>(table.Layout);
            Assert.Equal(table.Columns, layout.Headers.Select(h => Under(panel.Lines, h)));
            Assert.Equal(table.Rows.Count, layout.Rows.Count);
            for (var r = 0; r < table.Rows.Count; r++)
                Assert.Equal(table.Rows[r].Select(c => (c ?? "").Split('\n')[0]), layout.Rows[r].Select(s => Under(panel.Lines, s)));
        }
    }

    [Fact]
    public void Statements_know_the_panel_line_where_they_start()
    {
        var panel = ExpectedPanel.Parse("curso=> BEGIN;\nBEGIN\ncurso=*> SELECT 1 AS n;\n n\n---\n 1\n(1 row)\n");

        Assert.Equal([1, 3], panel.Statements.Select(s => s.Line));
    }
}
