using LabRunner.Labs;
using LabRunner.Authoring.Markdown;
using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

public class MarkdownLabReaderTests
{
    private const string Fence = "```";

    private static MarkdownImport Read(string markdown) => MarkdownLabReader.Read(markdown, "/labs/demo.md");

    private static string Lab(string steps) => $"# Demo\n\n## Instrucciones:\n### Tarea 1. Probar\n{steps}";

    private static Step OnlyStep(MarkdownImport import) => Assert.Single(Assert.Single(import.Lab.Tasks).Steps);

    [Fact]
    public void A_tcp_login_as_a_role_the_lab_gave_a_password_types_that_password()
    {
        var import = Read(Lab($"Paso 1. Rol:\n{Fence}sql\nCREATE ROLE replicador WITH REPLICATION LOGIN PASSWORD 'replica123';\n{Fence}\n" +
            $"Paso 2. Copia:\n{Fence}shell\npg_basebackup -h localhost -p 5432 -U replicador -D /var/lib/postgresql/copia -R\n{Fence}\n" +
            $"Paso 3. Por el socket:\n{Fence}shell\npg_dump -U replicador curso > x.sql\n{Fence}\n"));
        var steps = import.Lab.Tasks[0].Steps;
        Assert.Equal("replica123", ((ShellAction)steps[1].Action).Input);
        Assert.Null(((ShellAction)steps[2].Action).Input); // no -h: the socket, no password prompt
        Assert.Contains(import.Warnings, w => w.Message == "pg_basebackup asks for replicador's password: LabRunner types the one the lab set on line 7");
    }

    [Fact]
    public void Reads_of_a_subscriber_and_of_replication_views_are_checked_eventually()
    {
        var panel = $"{Fence}\n id \n----\n  1\n(1 fila)\n{Fence}\n";
        var import = Read(Lab($"Paso 1. Suscribir:\n{Fence}shell\nsudo pg_createcluster 15 sub --start\nsudo -u postgres psql -p 5433\n" +
            $"CREATE SUBSCRIPTION s CONNECTION 'host=127.0.0.1 port=5432 dbname=postgres' PUBLICATION p;\n{Fence}\n" +
            $"Paso 2. Leer:\n{Fence}sql\nSELECT id FROM t;\n{Fence}\n{panel}" +
            $"Paso 3. En main:\n{Fence}shell\nsudo -u postgres psql -p 5432\nSELECT id FROM t;\n{Fence}\n{panel}"));
        var reads = import.Lab.Tasks[0].Steps.Where(s => s.Action.Command == "SELECT id FROM t;").ToList();
        Assert.Equal(2, reads.Count);
        Assert.NotNull(reads[0].Action.Server); // the subscriber (port 5433)
        Assert.NotNull(reads[0].Expect!.Eventually);
        Assert.Null(reads[1].Action.Server);
        Assert.Null(reads[1].Expect!.Eventually); // the publisher's own table is there at once
    }

    [Fact]
    public void A_placeholder_naming_an_earlier_task_is_the_value_that_task_printed()
    {
        var md = "# Demo\n\n### Task 1. Note the time\nStep 1. Write it down:\n" + $"{Fence}sql\nSELECT now();\n{Fence}\n{Fence}\n              now              \n-------------------------------\n 2026-12-02 10:42:42.145547+00\n(1 row)\n{Fence}\n" +
                 "### Task 2. Use it\nStep 1. Edit:\n" + $"{Fence}shell\nsudo nano /etc/postgresql/15/main/postgresql.conf\n{Fence}\n{Fence}\nrecovery_target_time = '<TIME_FROM_TASK_1>'\n{Fence}\n";
        var import = Read(md);
        var noted = import.Lab.Tasks[0].Steps[0];
        Assert.Equal(new Dictionary<string, string> { ["time_from_task_1"] = "now" }, noted.Captures);
        Assert.Equal("recovery_target_time = '{{time_from_task_1}}'", ((EditAction)import.Lab.Tasks[1].Steps[0].Action).Lines.Trim());
        Assert.DoesNotContain(import.Warnings, w => w.Message.Contains("replaces by hand", StringComparison.Ordinal));
        // It survives the YAML round trip the loader makes.
        Assert.Equal(noted.Captures, MarkdownLabReader.Validate(import, "/labs/demo.md").Lab!.Tasks[0].Steps[0].Captures);
    }

    [Fact]
    public void Shell_fence_holding_sql_is_an_sql_step()
    {
        var step = OnlyStep(Read(Lab($"Paso 1. Ver:\n{Fence}shell\nSHOW work_mem;\n{Fence}\n")));
        Assert.Equal(new SqlAction("SHOW work_mem;"), step.Action);
    }

    [Fact]
    public void Psql_line_sets_the_database_and_is_not_run()
    {
        var import = Read(Lab($"Paso 1. Entrar:\n{Fence}bash\npsql -d tienda\nSELECT 1;\n{Fence}\n"));
        var step = OnlyStep(import);
        Assert.Equal("SELECT 1;", step.Action.Command);
        Assert.Equal("tienda", import.Lab.Server.Database);
        Assert.Contains(import.Warnings, w => w.Line == 7 && w.Message.Contains("opens psql on database tienda: not run"));
    }

    [Fact]
    public void Psql_database_carries_over_to_later_steps_and_a_second_database_is_named_on_the_step()
    {
        var import = Read(Lab($"Paso 1. A:\n{Fence}\npsql curso\nSELECT 1;\n{Fence}\nPaso 2. B:\n{Fence}sql\nSELECT 2;\n{Fence}\nPaso 3. C:\n{Fence}\npsql -d otra -U postgres\nSELECT 3;\n{Fence}\n"));
        var steps = import.Lab.Tasks[0].Steps;
        Assert.Equal("curso", import.Lab.Server.Database);
        Assert.Equal([null, null, "otra"], steps.Select(s => ((SqlAction)s.Action).Database));
    }

    [Fact]
    public void Real_shell_commands_stay_shell_and_a_mixed_block_is_two_parts_of_its_step()
    {
        var import = Read(Lab($"Paso 1. Mirar:\n{Fence}shell\nls -l /tmp\npsql -d curso\nSELECT count(*) FROM pg_class;\n{Fence}\n"));
        var steps = import.Lab.Tasks[0].Steps;
        Assert.Equal(2, steps.Count);
        Assert.Equal(new ShellAction("ls -l /tmp"), steps[0].Action);
        Assert.Equal("SELECT count(*) FROM pg_class;", steps[1].Action.Command);
        Assert.Equal(["Paso 1. Mirar (1/2)", "Paso 1. Mirar (2/2)"], steps.Select(s => s.Title));
        Assert.Contains(import.Map, e => e.Element == MapElement.Step && e.Kind == "mixed" && e.Line == 5);
    }

    [Fact]
    public void Psql_meta_commands_are_sql_session_commands()
    {
        var step = OnlyStep(Read(Lab($"Paso 1. Listar:\n{Fence}shell\n\\dt\n\\d+ pedidos\n{Fence}\n")));
        Assert.Equal(new SqlAction("\\dt\n\\d+ pedidos"), step.Action);
    }

    [Fact]
    public void Prompts_set_with_set_prompt1_name_sessions_and_inline_output_is_the_expectation()
    {
        var import = Read(Lab(
            $"Paso 1. Sesión A:\n{Fence}\npsql curso\n\\set PROMPT1 'ALICE> '\n{Fence}\n" +
            $"Paso 2. Bloquear:\n{Fence}\nALICE> BEGIN;\nBEGIN\nALICE> UPDATE t SET x = 1;\nUPDATE 1\n{Fence}\n" +
            $"Paso 3. Otra:\n{Fence}\nBOB> SELECT x FROM t;\n x\n---\n 0\n(1 row)\n{Fence}\n"));
        var steps = import.Lab.Tasks[0].Steps;
        Assert.Equal(3, steps.Count);
        Assert.IsType<ManualAction>(steps[0].Action); // only opens psql and names a prompt: the student does it
        Assert.Equal(new SqlAction("BEGIN;\nUPDATE t SET x = 1;", "alice"), steps[1].Action);
        Assert.Equal("BEGIN\nUPDATE 1", steps[1].Expect!.Panel);
        Assert.Equal("bob", ((SqlAction)steps[2].Action).Session);
        Assert.Equal(" x\n---\n 0\n(1 row)", steps[2].Expect!.Panel);
    }

    [Fact]
    public void Output_block_after_a_step_becomes_its_expectation()
    {
        var step = OnlyStep(Read(Lab($"Paso 1. Contar:\n{Fence}sql\nSELECT count(*) FROM t;\n{Fence}\n{Fence}\n count\n-------\n     3\n(1 row)\n{Fence}\n")));
        Assert.Equal(" count\n-------\n     3\n(1 row)", step.Expect!.Panel);
    }

    [Theory]
    [InlineData("/var/lib/postgresql/14/main", "{{data_directory}}")]
    [InlineData("/var/lib/postgresql/16.2/main/base", "{{data_directory}}/base")]
    [InlineData("/var/lib/pgsql/15/data", "{{data_directory}}")]
    [InlineData("/var/lib/pgsql/data", "{{data_directory}}")]
    [InlineData("/usr/local/pgsql/data", "{{data_directory}}")]
    [InlineData("/var/lib/postgresql/backup1/", "{{workdir}}/backup1/")]
    [InlineData("/tmp/x", "/tmp/x")]
    public void Machine_paths_become_variables(string path, string expected)
    {
        var step = OnlyStep(Read(Lab($"Paso 1. Copiar:\n{Fence}shell\nls {path}\n{Fence}\n")));
        Assert.Equal($"ls {expected}", step.Action.Command);
    }

    [Theory]
    [InlineData("SELECT pg_start_backup('b', false);", "SELECT pg_backup_start('b', false);")]
    [InlineData("SELECT pg_start_backup('b', true, false);", "SELECT pg_backup_start('b', true);")]
    [InlineData("SELECT * FROM pg_stop_backup();", "SELECT * FROM pg_backup_stop();")]
    [InlineData("SELECT * FROM pg_stop_backup(false, true);", "SELECT * FROM pg_backup_stop(true);")]
    public void Old_backup_functions_get_a_variant_for_15_and_later(string sql, string on15)
    {
        var step = OnlyStep(Read(Lab($"Paso 1. Respaldar:\n{Fence}sql\n{sql}\n{Fence}\n")));
        Assert.Equal(sql, step.ActionFor(14).Command);
        Assert.Equal(on15, step.ActionFor(15).Command);
    }

    [Fact]
    public void Expected_result_labelled_with_a_task_goes_to_the_step_of_that_task_whose_query_names_its_columns()
    {
        var import = Read(Lab($"Paso 1. A:\n{Fence}sql\nSELECT 1;\n{Fence}\nPaso 2. B:\n{Fence}sql\nSELECT 2 AS b;\n{Fence}\n") +
            $"### Tarea 2. Otra\nPaso 1. C:\n{Fence}sql\nSELECT 3;\n{Fence}\n### Resultado esperado\nTarea 1.\n{Fence}\n b\n---\n 2\n(1 row)\n{Fence}\n");
        Assert.NotNull(import.Lab.Tasks[0].Steps[1].Expect);
        Assert.Null(import.Lab.Tasks[1].Steps[0].Expect);
    }

    [Fact]
    public void Expected_result_with_no_label_belongs_to_the_step_it_follows_never_to_a_later_task()
    {
        var import = Read(Lab($"Paso 1. A:\n{Fence}sql\nSELECT 1 AS a;\n{Fence}\n### Resultado esperado\n{Fence}\n a\n---\n 1\n(1 row)\n{Fence}\n") +
            $"### Tarea 2. Otra\nPaso 1. C:\n{Fence}sql\nSELECT 3 AS a;\n{Fence}\n");
        Assert.Equal(" a\n---\n 1\n(1 row)", import.Lab.Tasks[0].Steps[0].Expect?.Panel);
        Assert.Null(import.Lab.Tasks[1].Steps[0].Expect);
    }

    [Fact]
    public void English_labs_read_like_spanish_ones()
    {
        var import = Read($"# Demo\n\n## Objectives\n- Learn.\n\n## Duration\n10 minutes.\n\n## Instructions\n### Task 1. Try\nStep 1. Run:\n{Fence}sql\nSELECT 1;\n{Fence}\n\n## Expected result\n{Fence}\npostgres=# SELECT 1;\n ?column?\n----------\n        1\n(1 row)\n{Fence}\n");
        Assert.Equal(("en", "10 minutes", "Learn."), (import.Lab.Language, import.Lab.Duration, import.Lab.Objectives[0]));
        var step = OnlyStep(import);
        Assert.Equal("Step 1. Run", step.Title);
        Assert.NotNull(step.Expect);
        Assert.DoesNotContain(import.Warnings, w => !w.IsInfo);
    }

    [Theory]
    [InlineData("")]
    [InlineData("# Solo título")]
    [InlineData("```sql\nSELECT 1;")]
    [InlineData("### Tarea 1.\n### Tarea 1.\nPaso 1.\nPaso 1.\n```\n```\n")]
    [InlineData("## Resultado esperado\nTarea 9, Paso 7.\n```\ncurso=> SELECT 1;\n```\n")]
    [InlineData("<!-- nada -->\n\n<div>html</div>\n\n> cita\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")]
    [InlineData("# T\n## Instrucciones\n1. uno\n2. dos\n\n```\n\\set PROMPT1 '%n@%/> '\nSELECT $$ ; $$;\nDO $x$ BEGIN\nEND $x$;\n```\n")]
    [InlineData("\u0000\u0001 ```\r\n\r\n# \t\n- \n1.\n```sh   \n  \n```")]
    public void Odd_input_never_crashes_and_still_gives_a_lab_that_validates(string markdown)
    {
        var import = Read(markdown);
        var loaded = LabLoader.LoadText(LabYamlWriter.Write(import.Lab), "/labs/lab.yaml");
        Assert.True(loaded.Lab is not null || import.Lab.Tasks.Count == 0, string.Join("\n", loaded.Errors));
    }
}
