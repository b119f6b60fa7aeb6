using LabRunner.Authoring;
using LabRunner.Authoring.Markdown;
using LabRunner.Checking;
using LabRunner.Labs;
using LabRunner.Psql;
using static LabRunner.Tests.Checking.Outputs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// "Deberías ver 3 filas": a prose result that says how many rows a query returns becomes a count that is compared
/// (`row_count`), where before the step was only "not compared"; sentences with no single count, or about a command that
/// returns no rows, stay prose.
/// </summary>
public class ProseCountsTests
{
    private static Expectation? ExpectOf(string step)
    {
        var md = "# Lab\n\n## Tarea 1. Contar\n\n" + step;
        var lab = MarkdownLabReader.Read(md, "/labs/x.md").Lab;
        return lab.Tasks.SelectMany(t => t.Steps).Last().Expect;
    }

    [Theory]
    [InlineData("**Paso 1.** Repita la consulta. Deberías ver 3 filas.\n\n```sql\nSELECT * FROM t;\n```\n", 3)]
    [InlineData("**Step 1.** Run it again. You should see two rows.\n\n```sql\nSELECT * FROM t;\n```\n", 2)]
    [InlineData("**Paso 1.** Consultar:\n\n```sql\nWITH x AS (SELECT 1) SELECT * FROM x;\n```\n\nDeberías ver una fila.\n", 1)]
    public void A_sentence_that_counts_a_querys_rows_is_compared(string step, int rows)
    {
        var expect = ExpectOf(step);

        Assert.Equal(rows, expect?.RowCount);
        Assert.NotNull(expect!.Prose); // still shown as the lab wrote it
        Assert.True(expect.Compares);
    }

    [Theory]
    [InlineData("**Paso 1.** Deberías ver 5 000 de 20 000 filas.\n\n```sql\nSELECT * FROM t;\n```\n")] // two counts
    [InlineData("**Paso 1.** Insertar. Deberías ver 3 filas nuevas.\n\n```sql\nINSERT INTO t VALUES (1), (2), (3);\n```\n")] // no result set
    [InlineData("**Paso 1.** Deberías ver 3 filas.\n\n```sql\nWITH n AS (DELETE FROM t) SELECT 1;\nDELETE FROM t;\n```\n")] // the last one is not a query
    [InlineData("**Paso 1.** Deberías ver el plan.\n\n```sql\nSELECT * FROM t;\n```\n")] // no count
    public void Other_sentences_stay_prose(string step)
    {
        var expect = ExpectOf(step);

        Assert.Null(expect?.RowCount);
    }

    [Fact]
    public void A_pasted_panel_says_more_than_a_count_and_wins()
    {
        var expect = ExpectOf("**Paso 1.** Deberías ver 1 fila.\n\n```sql\nSELECT 1 AS a;\n```\n\nResultado esperado:\n\n```\n a\n---\n 1\n(1 fila)\n```\n");

        Assert.NotNull(expect?.Panel);
        Assert.Null(expect!.RowCount);
    }

    [Fact]
    public void A_sentence_that_quotes_a_command_tag_compares_that_tag()
    {
        var copy = ExpectOf("**Step 1.** Load it.\n\n```sql\nCOPY t FROM STDIN;\n```\n\nYou should see `COPY 3`.\n");
        var two = ExpectOf("**Paso 1.** Cargar.\n\n```sql\nINSERT INTO t VALUES (1);\n```\n\nDeberías ver `INSERT 0 1` y después `UPDATE 2`.\n");
        var value = ExpectOf("**Paso 1.** Consultar.\n\n```sql\nSELECT a FROM t;\n```\n\nDeberías ver `norte` en 1 fila.\n");

        Assert.Equal("COPY 3", copy?.Panel);
        Assert.Null(copy!.RowCount);
        Assert.Null(two?.Panel); // two tags: which one is the step's?
        Assert.Null(value?.Panel); // a value, not a tag
        Assert.Equal(1, value!.RowCount);
        var verdict = ExpectationChecker.Check(new SqlAction("COPY t FROM STDIN;"), copy, Of(new CommandTag("COPY 3")));
        Assert.Equal(VerdictStatus.Passed, verdict.Status);
        Assert.Equal(VerdictStatus.Failed, ExpectationChecker.Check(new SqlAction("COPY t FROM STDIN;"), copy, Of(new CommandTag("COPY 2"))).Status);
    }

    [Fact]
    public void The_count_is_held_against_the_last_result_set()
    {
        var expect = new Expectation { RowCount = 2, Prose = "Deberías ver 2 filas." };
        var select = new SqlAction("SELECT a FROM t;");

        var right = ExpectationChecker.Check(select, expect, Of(Table(["a"], ["1"], ["2"])));
        var wrong = ExpectationChecker.Check(select, expect, Of(Table(["a"], ["1"], ["2"], ["3"])));
        var none = ExpectationChecker.Check(select, expect, Of(new CommandTag("INSERT 0 2")));

        Assert.Equal((VerdictStatus.Passed, (VerdictReason)new RowsMatch(2)), (right.Status, right.Reason));
        Assert.Equal((VerdictStatus.Failed, (VerdictReason)new RowCountDiffers(2, 3, null, null)), (wrong.Status, wrong.Reason));
        Assert.Equal(VerdictStatus.Failed, none.Status);
        Assert.IsType<KindDiffers>(none.Reason);
    }

    [Fact]
    public void Row_count_is_a_yaml_key_that_round_trips_and_is_checked()
    {
        const string Head = "id: x\ntitle: X\ntasks:\n  - id: t\n    title: T\n    steps:\n      - id: s\n        title: S\n";
        var good = LabLoader.LoadText(Head + "        sql: SELECT 1;\n        expect:\n          row_count: 1\n", "/labs/x/lab.yaml");
        var negative = LabLoader.LoadText(Head + "        sql: SELECT 1;\n        expect:\n          row_count: -1\n", "/labs/x/lab.yaml");
        var shell = LabLoader.LoadText(Head + "        shell: ls\n        expect:\n          row_count: 1\n", "/labs/x/lab.yaml");

        Assert.True(good.Lab is not null, string.Join("\n", good.Diagnostics));
        Assert.Equal(1, good.Lab!.Tasks[0].Steps[0].Expect!.RowCount);
        var again = LabLoader.LoadText(LabYamlWriter.Write(good.Lab), "/labs/x/lab.yaml").Lab!;
        Assert.Equal(1, again.Tasks[0].Steps[0].Expect!.RowCount);
        Assert.Contains(negative.Diagnostics, d => d.Message.Contains("cannot be negative", StringComparison.Ordinal));
        Assert.Contains(shell.Diagnostics, d => d.Message.Contains("applies to sql steps only", StringComparison.Ordinal));
    }
}
