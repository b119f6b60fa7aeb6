using System.Globalization;
using LabRunner.Authoring;
using LabRunner.Authoring.Markdown;
using LabRunner.Labs;
using LabRunner.Tests.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>The warnings `validate` adds about expected panels that mislead (LabLint).</summary>
public sealed class LabLintTests
{
    private static List<string> Lint(string steps)
    {
        var yaml = "id: lint\ntitle: Lint\ntasks:\n  - id: t\n    title: T\n    steps:\n" + steps;
        var lab = LabLoader.LoadText(yaml, "/labs/lint/lab.yaml").Lab ?? throw new InvalidOperationException("the test lab does not load");
        return LabLint.Check(lab).Select(d => d.Message).ToList();
    }

    [Fact]
    public void Rows_compared_in_order_without_ORDER_BY_are_flagged_and_with_it_are_not()
    {
        const string Panel = "        expect:\n          ordered: true\n          panel: |2\n             n\n            ---\n             1\n             2\n            (2 rows)\n";

        var without = Lint("      - id: s\n        title: S\n        sql: SELECT n FROM t;\n" + Panel);
        var with = Lint("      - id: s\n        title: S\n        sql: SELECT n FROM t ORDER BY n;\n" + Panel);

        Assert.Equal(["t/s: its rows are compared in order, but its query has no ORDER BY: the server may return them in any order"], without);
        Assert.Empty(with);
    }

    [Fact]
    public void A_panel_whose_row_count_or_widths_were_edited_by_hand_is_flagged()
    {
        var count = Lint("      - id: c\n        title: C\n        sql: SELECT n FROM t;\n        expect:\n          panel: |2\n             n\n            ---\n             1\n            (2 rows)\n");
        var widths = Lint("      - id: w\n        title: W\n        sql: SELECT name FROM t;\n        expect:\n          panel: |2\n             name\n            ------\n             Ana\n             Marta\n            (2 rows)\n");
        var fine = Lint("      - id: f\n        title: F\n        sql: SELECT name FROM t;\n        expect:\n          panel: |2\n             name\n            -------\n             Ana\n             Marta\n            (2 rows)\n");

        Assert.Equal(["t/c: the panel says (2 rows) but shows 1: edited by hand?"], count);
        Assert.Equal(["t/w: the panel's column widths do not match its cells (psql pads each column to its widest value): edited by hand?"], widths);
        Assert.Empty(fine);
    }

    [Fact]
    public void A_shell_step_writing_outside_the_labs_folders_is_flagged_and_one_writing_inside_is_not()
    {
        var outside = Lint("      - id: dump\n        title: D\n        shell: pg_dump curso > /root/curso.sql\n");
        var inside = Lint("      - id: dump\n        title: D\n        shell: pg_dump curso > {{workdir}}/curso.sql\n");

        Assert.Equal(["t/dump: the shell step writes to /root/curso.sql, outside the lab's folders: in the sandbox that is read-only " +
            "(the step fails), and run unconfined it would change the user's machine"], outside);
        Assert.Empty(inside);
    }

    [Fact]
    public void A_check_that_compares_nothing_is_flagged_and_one_that_compares_is_not()
    {
        const string Checks = "  - id: t\n    title: T\n    steps:\n      - id: s\n        title: S\n        sql: SELECT 1;\n    checks:\n" +
                              "      - id: nothing\n        title: C\n        sql: SELECT count(*) FROM pg_class;\n" +
                              "      - id: words\n        title: C\n        sql: SELECT 1;\n        expect:\n          prose: Se ve una fila.\n" +
                              "      - id: rows\n        title: C\n        sql: SELECT 1 AS uno;\n        expect:\n          columns: [uno]\n          rows: [[\"1\"]]\n";

        var said = LintTasks(Checks);

        Assert.Equal(["t/nothing: the check compares nothing: it never passes, so it earns no points",
            "t/words: the check compares nothing: it never passes, so it earns no points"], said);
    }

    private static List<string> LintTasks(string tasks)
    {
        var lab = LabLoader.LoadText("id: lint\ntitle: Lint\ntasks:\n" + tasks, "/labs/lint/lab.yaml").Lab ?? throw new InvalidOperationException("the test lab does not load");
        return LabLint.Check(lab).Select(d => d.Message).ToList();
    }

    private const string MakesClientes = "  - id: crear\n    title: T1\n    steps:\n      - id: tabla\n        title: S\n        sql: CREATE TABLE public.\"Clientes\" (id int);\n";

    [Fact]
    public void A_task_that_uses_a_table_another_task_made_is_shown_as_needing_it_unless_it_says_so()
    {
        const string Uses = "  - id: usar\n    title: T2\n{0}    steps:\n      - id: contar\n        title: S\n        sql: SELECT count(*) FROM clientes c JOIN pedidos p ON p.cliente = c.id;\n";

        var silent = LintTasks(MakesClientes + string.Format(CultureInfo.InvariantCulture, Uses, ""));
        var said = LintTasks(MakesClientes + string.Format(CultureInfo.InvariantCulture, Uses, "    needs: [crear]\n"));
        var own = LintTasks(MakesClientes.Replace("crear", "otra", StringComparison.Ordinal) + MakesClientes.Replace("T1", "T2", StringComparison.Ordinal)
            .Replace("- id: crear", "- id: crear2", StringComparison.Ordinal).Replace("sql: CREATE", "sql: DROP TABLE IF EXISTS clientes; CREATE", StringComparison.Ordinal));

        Assert.Equal(["usar/contar: uses clientes, which task crear makes: needs task crear, without saying so"], silent);
        Assert.Empty(said);
        Assert.Empty(own); // a task that makes the table itself needs nothing
    }

    [Fact]
    public void The_markdown_reader_says_what_a_course_labs_tasks_build_on()
    {
        var md = "### Tarea 1. Crear\n\nPaso 1.\n```sql\nCREATE TABLE cuentas (id int, saldo int);\n```\n\n### Tarea 2. Usar\n\nPaso 1.\n```sql\nUPDATE cuentas SET saldo = 0;\n```\n";
        var lab = MarkdownLabReader.Read(md, "/labs/x.md").Lab;

        Assert.Equal([[], [lab.Tasks[0].Id]], lab.Tasks.Select(t => t.Needs.ToArray()).ToArray());
        Assert.Empty(LabLint.Check(lab));
    }

    /// <summary>Real-looking panels (plans, \\d footers, jsonb_pretty's "+" lines, Spanish footers) must not be called hand-edited.</summary>
    [Fact]
    public void The_course_corpus_has_no_lint_warning()
    {
        var warnings = CourseCorpus.Names().SelectMany(name =>
        {
            var path = CourseCorpus.Markdown(name);
            var lab = MarkdownLabReader.Read(File.ReadAllText(path), path).Lab ?? throw new InvalidOperationException(name);
            return LabLint.Check(lab).Select(d => $"{name}: {d.Message}");
        }).ToList();

        Assert.True(CourseCorpus.Names().Count() >= 30);
        Assert.Empty(warnings);
    }

    [Fact]
    public async Task The_bundled_seed_lab_has_no_lint_warning()
    {
        var lab = (await LabLoader.LoadFileAsync(LabFiles.Seed, CancellationToken.None)).Lab!;

        Assert.Empty(LabLint.Check(lab));
    }
}
