using LabRunner.Authoring.Markdown;
using LabRunner.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// The rules found by reading labs written blind (course-corpus: esquemas-search-path, transaccion-por-pasos,
/// explain-analyze-caps, script-inventario, copy-csv-files), each tried here on other wording than those labs use.
/// </summary>
public class UnseenLabRulesTests
{
    private const string Fence = "```";

    private static MarkdownImport Read(string markdown) => MarkdownLabReader.Read(markdown, "/labs/demo.md");

    private static IEnumerable<Step> Steps(MarkdownImport import) => import.Lab.Tasks.SelectMany(t => t.Steps);

    [Theory]
    [InlineData("## Review questions")]
    [InlineData("### Preguntas")]
    [InlineData("## Cuestionario")]
    [InlineData("## Quiz")]
    public void Sql_under_a_questions_section_is_shown_never_run(string heading)
    {
        var import = Read($"# Demo\n\n## Task 1. Build\nStep 1. Create:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n{heading}\n" +
                          $"1. What does this return?\n{Fence}sql\nSELECT count(*) FROM t;\n{Fence}\n");
        var task = Assert.Single(import.Lab.Tasks);
        Assert.Equal("CREATE TABLE t (id int);", Assert.Single(task.Steps).Action.Command);
        Assert.DoesNotContain(Steps(import), s => s.Action.Command.Contains("count(*)", StringComparison.Ordinal));
        Assert.Contains("SELECT count(*) FROM t;", task.Text ?? "", StringComparison.Ordinal);
        Assert.Contains(import.Warnings, w => w.IsInfo && w.Message.Contains("never run", StringComparison.Ordinal) && w.Line == 9);
    }

    [Theory]
    [InlineData("**Questions:**")]
    [InlineData("Preguntas:")]
    public void Sql_under_a_questions_label_inside_a_task_is_shown_never_run(string label)
    {
        var import = Read($"# Demo\n\n## Task 1. Build\nStep 1. Create:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n{label}\n\n" +
                          $"1. What does this return?\n   {Fence}sql\n   SELECT count(*) FROM t;\n   {Fence}\n2. Why?\n\n## Task 2. More\nStep 1. Fill:\n{Fence}sql\nINSERT INTO t VALUES (1);\n{Fence}\n");
        Assert.DoesNotContain(Steps(import), s => s.Action.Command.Contains("count(*)", StringComparison.Ordinal));
        Assert.Contains("SELECT count(*) FROM t;", import.Lab.Tasks[0].Text ?? "", StringComparison.Ordinal);
        Assert.Equal("INSERT INTO t VALUES (1);", Assert.Single(import.Lab.Tasks[1].Steps).Action.Command); // the next task's steps are steps again
    }

    [Fact]
    public void A_questions_section_between_tasks_stays_with_the_task_it_follows()
    {
        var import = Read($"# Demo\n\n## Tarea 1: Datos\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n### Preguntas de la tarea 1\n- ¿Cuántas?\n{Fence}sql\nSELECT count(*) FROM t;\n{Fence}\n\n" +
                          $"## Tarea 2: Más\nPaso 1. Inserte:\n{Fence}sql\nINSERT INTO t VALUES (1);\n{Fence}\n");
        Assert.Equal(2, import.Lab.Tasks.Count);
        Assert.Contains("SELECT count(*) FROM t;", import.Lab.Tasks[0].Text ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("SELECT count(*)", import.Lab.Tasks[1].Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_task_titled_with_its_number_stays_a_task_even_when_it_is_about_questions()
    {
        var import = Read($"# Demo\n\n## Tarea 2: Preguntas sobre el plan\nPaso 1. Ejecute:\n{Fence}sql\nSELECT 1;\n{Fence}\n");
        Assert.Equal("SELECT 1;", Assert.Single(Steps(import)).Action.Command);
    }

    [Theory]
    [InlineData("Create the file `notes.sql` with the following contents:")]
    [InlineData("Crea un archivo `notes.sql` en tu carpeta con estas líneas:")]
    [InlineData("Escriba el fichero notes.sql con el contenido siguiente:")]
    public void Create_the_file_with_this_content_saves_the_block(string sentence)
    {
        var import = Read($"# Demo\n\n## Task 1. Script\nStep 1. {sentence}\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n" +
                          $"Step 2. Run it:\n{Fence}sql\n\\i notes.sql\n{Fence}\n");
        var steps = Steps(import).ToList();
        var file = Assert.IsType<FileAction>(steps[0].Action);
        Assert.EndsWith("notes.sql", file.Path, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE t", file.Content, StringComparison.Ordinal);
        Assert.Equal("\\i notes.sql", steps[1].Action.Command);
    }

    [Fact]
    public void Creating_a_file_with_a_command_is_not_a_block_to_save()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Respaldo\nPaso 1. Cree el archivo respaldo.sql con pg_dump:\n{Fence}bash\npg_dump curso > respaldo.sql\n{Fence}\n");
        Assert.IsType<ShellAction>(Assert.Single(Steps(import)).Action);
    }

    [Fact]
    public void Output_after_a_prompted_psql_c_is_its_result_not_an_earlier_steps_completion()
    {
        var import = Read($"# Demo\n\n## Task 1. Count\nStep 1. Fill:\n{Fence}sql\nCREATE TABLE t AS SELECT 1 AS n;\n{Fence}\n" +
                          $"Step 2. From the shell:\n{Fence}console\n$ psql -c \"SELECT count(*) FROM t\"\n count \n-------\n     1\n(1 row)\n\n{Fence}\n");
        var steps = Steps(import).ToList();
        Assert.Null(steps[0].Expect);
        Assert.False(steps[0].Background);
        Assert.Contains("     1", steps[1].Expect!.Panel, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_psql_c_does_not_swallow_the_next_command_as_its_output()
    {
        var import = Read($"# Demo\n\n## Task 1. Run\nStep 1. Run both:\n{Fence}bash\npsql -c \"CREATE TABLE t (id int)\"\n./load-data.sh\n{Fence}\n");
        Assert.Contains(Steps(import), s => s.Action is ShellAction sh && sh.Script.Contains("./load-data.sh", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_written_before_the_command_of_its_step_is_that_commands_result_with_a_warning()
    {
        var panel = $"{Fence}\n n \n---\n 1\n(1 row)\n{Fence}\n";
        var import = Read($"# Demo\n\n## Task 1. Update\nStep 1. Change it:\n{Fence}sql\nUPDATE t SET n = 1;\n{Fence}\n" +
                          $"Step 2. The output must be:\n{panel}The query is:\n{Fence}sql\nSELECT n FROM t;\n{Fence}\n");
        var steps = Steps(import).ToList();
        Assert.Null(steps[0].Expect); // the UPDATE before it was not waiting for anything: nothing ran since
        Assert.False(steps[0].Background);
        Assert.Contains(" 1", steps[1].Expect!.Panel, StringComparison.Ordinal);
        Assert.Contains(import.Warnings, w => !w.IsInfo && w.Line == 9 && w.Message.Contains("before the command", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_at_the_top_of_a_step_after_another_session_ran_is_still_a_waiting_statements_completion()
    {
        var import = Read($"# Demo\n\n## Task 1. Lock\nStep 1. In session A:\n{Fence}sql\nBEGIN;\nUPDATE t SET n = 2;\n{Fence}\n" +
                          $"Step 2. In session B:\n{Fence}sql\nUPDATE t SET n = 3;\n{Fence}\n" +
                          $"Step 3. In session A:\n{Fence}sql\nCOMMIT;\n{Fence}\n" +
                          $"Step 4. In session B:\n{Fence}\nUPDATE 1\n{Fence}\n{Fence}sql\nCOMMIT;\n{Fence}\n");
        var waiting = Steps(import).Single(s => s.Action.Command == "UPDATE t SET n = 3;");
        Assert.Equal("UPDATE 1", waiting.Expect!.Panel);
        Assert.True(waiting.Background);
        // A command follows in the same step: the output could be its result instead. The reader says which it chose.
        Assert.Contains(import.Warnings, w => !w.IsInfo && w.Line == 18 && w.Message.Contains("may still be waiting", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Run it again. You should see two rows.")]
    [InlineData("Repita la consulta. Deberías ver 3 filas.")]
    public void A_sentence_announcing_the_result_before_the_only_command_is_its_expected_result(string words)
    {
        var import = Read($"# Demo\n\n## Task 1. Query\nStep 1. {words}\n{Fence}sql\nSELECT 1;\n{Fence}\n");
        var step = Assert.Single(Steps(import));
        Assert.NotNull(step.Expect?.Prose);
        Assert.DoesNotContain("Run it again", step.Expect!.Prose!, StringComparison.Ordinal);
        Assert.DoesNotContain("Repita", step.Expect!.Prose!, StringComparison.Ordinal);
    }

    [Fact]
    public void Describing_what_a_command_returns_is_not_an_expected_result()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Consultar\nPaso 1. Ejecute la consulta que devuelve los clientes:\n{Fence}sql\nSELECT 1;\n{Fence}\n");
        Assert.Null(Assert.Single(Steps(import)).Expect);
    }

    [Fact]
    public void After_a_session_moves_with_backslash_c_steps_in_the_labs_database_name_it()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Base\nPaso 1. Cree y entre:\n{Fence}sql\nCREATE DATABASE otra;\n\\c otra\n{Fence}\n" +
                          $"Paso 2. Tabla:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n" +
                          $"Paso 3. Vuelva y borre:\n{Fence}sql\n\\c postgres\nDROP DATABASE otra;\n{Fence}\n");
        var steps = Steps(import).ToList();
        Assert.Equal("otra", ((SqlAction)steps[1].Action).Database);
        Assert.Equal("postgres", ((SqlAction)steps[2].Action).Database); // else it would run in otra, where the session still is
    }

    [Fact]
    public void A_lab_that_never_moves_keeps_its_steps_in_the_labs_database_implicitly()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Base\nPaso 1. Tabla:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Null(((SqlAction)Assert.Single(Steps(import)).Action).Database);
    }
}

public class PastedSessionTests
{
    private const string Fence = "```";

    private static List<Step> Steps(string markdown) =>
        MarkdownLabReader.Read(markdown, "/labs/demo.md").Lab.Tasks.SelectMany(t => t.Steps).ToList();

    [Theory]
    [InlineData("psql (15.18)", "Type \"help\" for help.")]
    [InlineData("psql (15.18, servidor 14.11)", "Digite «help» para obtener ayuda.")]
    [InlineData("psql (15.18 (Debian 15.18-0+deb12u1))", "Type \"help\" for help.")]
    public void Psqls_greeting_after_opening_it_is_neither_run_nor_a_database(string version, string help)
    {
        var steps = Steps($"# Demo\n\n## Task 1\n1) Open psql:\n{Fence}bash\n$ psql -d shop\n{version}\n{help}\n\nshop=# SELECT 1 AS one;\n one \n-----\n   1\n(1 row)\n\n{Fence}\n");
        var step = Assert.Single(steps);
        Assert.Equal("SELECT 1 AS one;", step.Action.Command);
        Assert.Null(((SqlAction)step.Action).Database); // shop is the lab's database, not "(15.18)"
    }

    [Fact]
    public void A_line_without_prompt_in_a_pasted_session_is_printed_never_run()
    {
        var steps = Steps($"# Demo\n\n## Task 1. Move\nStep 1. Move:\n{Fence}\npostgres=# CREATE DATABASE shop;\nCREATE DATABASE\npostgres=# \\c shop\n" +
                          $"You are now connected to database \"shop\" as user \"postgres\".\nshop=# CREATE TABLE t (id int);\nCREATE TABLE\n{Fence}\n");
        Assert.DoesNotContain(steps, s => s.Action is ShellAction);
        Assert.Contains("You are now connected", steps[0].Expect!.Panel, StringComparison.Ordinal);
        var create = steps.Single(s => s.Action.Command == "CREATE TABLE t (id int);");
        Assert.Equal("shop", ((SqlAction)create.Action).Database); // after the \c of the same block
    }

    [Fact]
    public void A_statement_typed_without_its_prompt_in_a_pasted_session_is_said_not_lost_silently()
    {
        var import = MarkdownLabReader.Read($"# Demo\n\n## Task 1. Update\nStep 1. Run:\n{Fence}\npostgres=# BEGIN;\nBEGIN\nUPDATE t SET n = 1;\n{Fence}\n", "/labs/demo.md");
        Assert.Contains(import.Warnings, w => !w.IsInfo && w.Line == 8 && w.Message.Contains("no prompt", StringComparison.Ordinal));
    }

    [Fact]
    public void An_indented_statement_in_a_listing_is_output_without_a_warning()
    {
        var import = MarkdownLabReader.Read($"# Demo\n\n## Task 1. View\nStep 1. Run:\n{Fence}\npostgres=# SELECT pg_get_viewdef('v');\n pg_get_viewdef \n----------------\n  SELECT 1;\n(1 row)\n{Fence}\n", "/labs/demo.md");
        Assert.DoesNotContain(import.Warnings, w => w.Message.Contains("no prompt", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_terminal_named_alone_is_another_session_than_the_first_steps()
    {
        var steps = Steps($"# Demo\n\n## Task 1\n1) Start:\n{Fence}sql\nBEGIN;\nUPDATE t SET n = 1;\n{Fence}\n" +
                          $"2) Open a second terminal and read:\n{Fence}sql\nSELECT n FROM t;\n{Fence}\n");
        Assert.NotEqual(((SqlAction)steps[0].Action).Session, ((SqlAction)steps[1].Action).Session);
    }

    [Fact]
    public void A_first_terminal_named_later_is_the_session_of_the_steps_before_it()
    {
        var steps = Steps($"# Demo\n\n## Task 1\n1) Start:\n{Fence}sql\nBEGIN;\n{Fence}\n" +
                          $"2) In the second terminal:\n{Fence}sql\nSELECT 1;\n{Fence}\n3) Back in the first terminal:\n{Fence}sql\nCOMMIT;\n{Fence}\n");
        Assert.Equal(((SqlAction)steps[0].Action).Session, ((SqlAction)steps[2].Action).Session);
        Assert.NotEqual(((SqlAction)steps[0].Action).Session, ((SqlAction)steps[1].Action).Session);
    }
}

public class PlanTimingsTests
{
    private const string Fence = "```";

    private static System.Text.RegularExpressions.Regex PlanMatcher(string sql)
    {
        var md = $"# Demo\n\n## Task 1. Plan\nStep 1. Run:\n{Fence}sql\n{sql}\n{Fence}\n{Fence}\n" +
                 "                                   QUERY PLAN                                    \n" +
                 "---------------------------------------------------------------------------------\n" +
                 " Seq Scan on t  (cost=0.00..944.00 rows=100 width=17) (actual time=0.012..3.136 rows=100 loops=1)\n" +
                 "   Filter: (n = 42)\n" +
                 " Execution Time: 3.155 ms\n(3 rows)\n" + $"{Fence}\n";
        var step = Assert.Single(Assert.Single(LabRunner.Authoring.Markdown.MarkdownLabReader.Read(md, "/labs/demo.md").Lab.Tasks).Steps);
        var matcher = Assert.IsType<LabRunner.Labs.Matcher.Regex>(step.Expect!.Matchers["QUERY PLAN"]);
        return new System.Text.RegularExpressions.Regex(matcher.Pattern);
    }

    [Fact]
    public void Explain_analyze_lines_match_with_other_times_and_estimates_but_not_another_plan()
    {
        var plan = PlanMatcher("EXPLAIN ANALYZE SELECT * FROM t WHERE n = 42;");
        Assert.Matches(plan, "Seq Scan on t  (cost=0.00..951.10 rows=99 width=17) (actual time=0.009..2.2 rows=100 loops=1)");
        Assert.Matches(plan, "  Filter: (n = 42)");
        Assert.Matches(plan, "Execution Time: 0.224 ms");
        Assert.DoesNotMatch(plan, "Index Scan using t_n on t  (cost=0.29..8.30 rows=100 width=17) (actual time=0.009..2.2 rows=100 loops=1)");
        Assert.DoesNotMatch(plan, "Seq Scan on t  (cost=0.00..944.00 rows=100 width=17) (actual time=0.012..3.136 rows=7 loops=1)");
        Assert.DoesNotMatch(plan, "Filter: (n = 43)");
    }

    [Fact]
    public void A_plain_explain_keeps_its_costs_exact()
    {
        var md = $"# Demo\n\n## Task 1. Plan\nStep 1. Run:\n{Fence}sql\nEXPLAIN SELECT * FROM t;\n{Fence}\n{Fence}\n" +
                 "                     QUERY PLAN                      \n-----------------------------------------------------\n" +
                 " Seq Scan on t  (cost=0.00..35.50 rows=2550 width=4)\n(1 row)\n" + $"{Fence}\n";
        var step = Assert.Single(Assert.Single(LabRunner.Authoring.Markdown.MarkdownLabReader.Read(md, "/labs/demo.md").Lab.Tasks).Steps);
        Assert.False(step.Expect!.Matchers.ContainsKey("QUERY PLAN"));
    }
}
