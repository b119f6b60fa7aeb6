using LabRunner.Authoring.Markdown;
using LabRunner.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// The rules found by reading the English labs written blind (course-corpus: backups-pg-dump-custom,
/// index-exercise-blockquotes, checkpoint-settings, advisory-locks-panes), each tried here on other wording than those
/// labs use.
/// </summary>
public class BlindEnglishLabRulesTests
{
    private const string Fence = "```";

    private static MarkdownImport Read(string markdown) => MarkdownLabReader.Read(markdown, "/labs/demo.md");

    private static List<Step> Steps(MarkdownImport import) => import.Lab.Tasks.SelectMany(t => t.Steps).ToList();

    [Theory]
    [InlineData("# Backups\n\nIn this lab you dump the database and restore it into a new one.\n\n## Part A\n\n", "en")]
    [InlineData("# Respaldos\n\nEn este laboratorio se respalda la base de datos con pg_dump y se restaura en otra.\n\n## Parte A\n\n", "es")]
    public void A_lab_without_the_courses_heading_words_takes_the_language_of_its_prose(string start, string language)
    {
        // SQL's own words (AND, IN, ON, FROM) must not count: the query is the same in both labs.
        var import = Read(start + $"{Fence}sql\nSELECT name FROM t WHERE id IN (1, 2) AND name IS NOT NULL;\n{Fence}\n");
        Assert.Equal(language, import.Lab.Language);
    }

    [Fact]
    public void Numbered_headings_under_a_part_are_its_steps()
    {
        var import = Read($"# Lab 3\n\n## Part 1: Tables\n\n### 1) Make a table\n\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n" +
                          $"### 2) Fill it\n\nTwo rows:\n\n{Fence}sql\nINSERT INTO t VALUES (1), (2);\n{Fence}\n");
        var steps = Steps(import);
        Assert.Equal(2, steps.Count);
        Assert.StartsWith("1)", steps[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("2)", steps[1].Title, StringComparison.Ordinal);
        Assert.Equal("INSERT INTO t VALUES (1), (2);", steps[1].Action.Command);
    }

    [Fact]
    public void Sql_after_connecting_to_a_database_the_lab_created_runs_in_it_not_in_postgres()
    {
        var import = Read($"# Shop\n\n## Task 1. Create\nStep 1. Create the database and connect to it:\n{Fence}\n$ createdb shop\n$ psql shop\n{Fence}\n" +
                          $"{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\nStep 2. Count:\n{Fence}sql\nSELECT count(*) FROM t;\n{Fence}\n");
        Assert.Equal("postgres", import.Lab.Server.Database);
        var sql = Steps(import).Select(s => s.Action).OfType<SqlAction>().ToList();
        Assert.Equal(2, sql.Count);
        Assert.All(sql, a => Assert.Equal("shop", a.Database));
    }

    [Fact]
    public void Output_quoted_as_a_blockquote_after_you_should_see_is_the_expected_panel()
    {
        var import = Read($"# Counts\n\n## Task 1. Count\n1. Run:\n   {Fence}sql\n   SELECT count(*) FROM pg_database WHERE datname = 'postgres';\n   {Fence}\n" +
                          "   You should see:\n   >  count \n   > -------\n   >      1\n   > (1 row)\n\n" +
                          $"2. Run:\n   {Fence}sql\n   SELECT 2;\n   {Fence}\n   > **Note:** a quote that follows no result label is a note.\n");
        var steps = Steps(import);
        Assert.Equal(" count\n-------\n     1\n(1 row)", steps[0].Expect?.Panel?.TrimEnd('\n'));
        Assert.Null(steps[1].Expect?.Panel);
        Assert.Contains("a quote that follows no result label is a note", steps[1].Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_psql_command_in_the_text_under_the_title_chooses_the_database_and_a_tool_named_there_does_not()
    {
        var import = Read($"# Indexes\n\nYou practise on a database with `pg_dump` at hand.<br>\n**Database:** connect with `psql uni`.<br>\n\n" +
                          $"## Task 1. Query\n1. Run:\n{Fence}sql\nSELECT 1;\n{Fence}\n");
        Assert.Equal("uni", import.Lab.Server.Database);
    }

    [Fact]
    public void Panes_of_a_split_terminal_are_sessions_and_a_wait_until_another_pane_acts_is_the_waiting_steps_result()
    {
        var import = Read($"# Locks\n\nSplit the screen: the **top pane** and the **bottom pane** both run `psql shop`.\n\n## Task 1. Wait\n" +
                          $"1. Top pane:\n{Fence}sql\nBEGIN;\nLOCK TABLE t;\n{Fence}\n" +
                          $"2. Bottom pane:\n{Fence}sql\nSELECT * FROM t;\n{Fence}\nThe query waits until you commit in the top pane.\n\n" +
                          $"3. Top pane:\n{Fence}sql\nCOMMIT;\n{Fence}\n");
        var sql = Steps(import).Select(s => s.Action).OfType<SqlAction>().ToList();
        Assert.Equal(["top-pane", "bottom-pane", "top-pane"], sql.Select(a => a.Session));
        Assert.Contains("waits until you commit", Steps(import)[1].Expect?.Prose ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void One_pane_of_a_program_window_is_no_session()
    {
        var import = Read($"# Browse\n\nIn the left pane of pgAdmin, open the shop database.\n\n## Task 1. Query\n1. Run:\n{Fence}sql\nSELECT 1;\n{Fence}\n");
        Assert.Equal(SqlAction.MainSession, Assert.IsType<SqlAction>(Assert.Single(Steps(import)).Action).Session);
    }

    [Theory]
    [InlineData("## Answers")]
    [InlineData("## Soluciones")]
    [InlineData("### Solution to the challenge")]
    public void Sql_in_a_solutions_section_is_shown_never_run(string heading)
    {
        var import = Read($"# Demo\n\n## Task 1. Build\nStep 1. Create:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n{heading}\n\n" +
                          $"<details>\n<summary>Challenge 1</summary>\n\n{Fence}sql\nDROP TABLE t;\n{Fence}\n</details>\n");
        var step = Assert.Single(Steps(import));
        Assert.Equal("CREATE TABLE t (id int);", step.Action.Command);
        Assert.Contains("DROP TABLE t;", import.Lab.Tasks[0].Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentence_that_a_value_should_have_gone_up_or_that_nothing_is_printed_is_the_steps_result()
    {
        var import = Read($"# Stats\n\n## Task 1. Count\nStep 1. Run it again. The number of scans should have increased by one:\n{Fence}sql\nSELECT seq_scan FROM pg_stat_user_tables;\n{Fence}\n" +
                          $"Step 2. Vacuum from the shell:\n{Fence}bash\nvacuumdb -q shop\n{Fence}\nWith -q it prints nothing when all goes well.\n");
        var steps = Steps(import);
        Assert.Contains("should have increased", steps[0].Expect?.Prose ?? "", StringComparison.Ordinal);
        Assert.Contains("prints nothing", steps[1].Expect?.Prose ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void A_numbered_item_with_no_code_that_goes_on_with_the_steps_numbering_is_a_manual_step()
    {
        var import = Read($"# Timing\n\n## Part 1\n\n1. Run:\n{Fence}sql\nSELECT 1;\n{Fence}\n2. Write the time psql printed in your notebook.\n\n" +
                          $"3. Run:\n{Fence}sql\nSELECT 2;\n{Fence}\n\nSteps to remember:\n\n1. always ANALYZE first\n2. compare twice\n");
        var steps = Steps(import);
        Assert.Equal(3, steps.Count);
        Assert.StartsWith("2.", steps[1].Title, StringComparison.Ordinal);
        Assert.IsType<ManualAction>(steps[1].Action);
        Assert.Equal("SELECT 2;", steps[2].Action.Command);
    }

    [Fact]
    public void A_sentence_ending_in_a_colon_before_code_with_no_step_opens_that_step_and_names_it()
    {
        var import = Read($"# Settings\n\n## Task 1. Change\nStep 1. Change it:\n{Fence}sql\nALTER SYSTEM SET work_mem = '8MB';\n{Fence}\n\n" +
                          $"## Cleanup\n\nThis section is optional.\n\nDrop the setting again:\n\n{Fence}sql\nALTER SYSTEM RESET work_mem;\n{Fence}\n");
        var cleanup = import.Lab.Tasks[1];
        var step = Assert.Single(cleanup.Steps);
        Assert.Equal("Drop the setting again", step.Title);
        Assert.Equal(13, step.Location?.Line);
        Assert.Contains("This section is optional.", cleanup.Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Sql_in_a_details_block_whose_summary_names_a_solution_is_shown_never_run()
    {
        var import = Read($"# Demo\n\n## Task 1. Build\nStep 1. Create:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\nTry it: drop the table yourself.\n\n" +
                          $"<details>\n<summary><b>Show the solution</b></summary>\n\n{Fence}sql\nDROP TABLE t;\n{Fence}\n</details>\n\n" +
                          $"Step 2. Look:\n{Fence}sql\nSELECT 1;\n{Fence}\n\n<details>\n<summary>Full output</summary>\n\n{Fence}sql\nSELECT 2;\n{Fence}\n</details>\n");
        var commands = Steps(import).Select(s => s.Action.Command).ToList();
        Assert.DoesNotContain(commands, c => c.Contains("DROP TABLE", StringComparison.Ordinal));
        Assert.Contains(commands, c => c.Contains("SELECT 2;", StringComparison.Ordinal)); // a details block that is no answer still runs
        Assert.Contains("DROP TABLE t;", import.Lab.Tasks[0].Text ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## Part A", "task-a")]
    [InlineData("## Part II: Restore", "task-ii")]
    [InlineData("## Parte B – Restaurar", "task-b")]
    public void A_part_lettered_or_in_roman_numerals_is_a_task(string heading, string id)
    {
        var import = Read($"# Backups\n\nIn this lab you dump the database.\n\n{heading}\n\n### 1. Dump\n{Fence}bash\npg_dump -f shop.sql shop\n{Fence}\n");
        Assert.Equal(id, Assert.Single(import.Lab.Tasks).Id);
        Assert.DoesNotContain(import.Warnings, w => w.Message.Contains("imported as a task", StringComparison.Ordinal));
    }
}
