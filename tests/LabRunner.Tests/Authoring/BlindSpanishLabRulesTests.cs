using LabRunner.Authoring.Markdown;
using LabRunner.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// The rules found by reading the Spanish labs written blind (course-corpus: pg-stat-statements-carga,
/// bloqueos-ventanas, acceso-contrasena, carga-datos-copy), each tried here on other wording than those labs use.
/// </summary>
public class BlindSpanishLabRulesTests
{
    private const string Fence = "```";

    private static MarkdownImport Read(string markdown) => MarkdownLabReader.Read(markdown, "/labs/demo.md");

    private static List<Step> Steps(MarkdownImport import) => import.Lab.Tasks.SelectMany(t => t.Steps).ToList();

    [Fact]
    public void Yaml_front_matter_is_metadata_not_a_section_and_lines_keep_their_numbers()
    {
        var import = Read($"---\ntitle: Demo\nautor: Equipo\ntags:\n  - sql\n---\n\n# Laboratorio 1\n\n## Tarea 1. Crear\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Equal("Laboratorio 1", import.Lab.Title);
        var task = Assert.Single(import.Lab.Tasks);
        Assert.Equal(10, task.Location.Line);
        Assert.DoesNotContain("autor", import.Lab.Introduction ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain(import.Map!, e => e.Line < 8);
    }

    [Fact]
    public void A_rule_at_the_top_followed_by_prose_is_not_front_matter()
    {
        var import = Read($"---\nEste laboratorio usa la base curso.\n\n---\n# Lab\n\n## Tarea 1. Crear\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Contains("Este laboratorio", import.Lab.Introduction ?? "", StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("## 🧪 Ejercicio 1: Crear")]
    [InlineData("### 📌 Task 1. Create")]
    [InlineData("## ✏️ Tarea 1 - Crear")]
    public void A_task_heading_after_an_emoji_is_a_task(string heading)
    {
        var import = Read($"# Demo\n\n{heading}\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        var task = Assert.Single(import.Lab.Tasks);
        Assert.Equal(heading.TrimStart('#', ' '), task.Title);
        Assert.DoesNotContain(import.Warnings, w => w.Message.Contains("imported as a task", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("✅ **Resultado esperado:**")]
    [InlineData("👉 Expected output:")]
    public void A_result_label_after_an_emoji_introduces_the_panel(string label)
    {
        var import = Read($"# Demo\n\n## Tarea 1. Ver\nPaso 1. Consulte:\n{Fence}sql\nSELECT 1 AS n;\n{Fence}\n\n{label}\n{Fence}\n n \n---\n 1\n(1 fila)\n{Fence}\n");
        Assert.Contains(" 1", Assert.Single(Steps(import)).Expect!.Panel, StringComparison.Ordinal);
    }

    [Fact]
    public void Bold_numbers_and_letters_open_steps_titled_as_written()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Crear\n**1.** Cree la tabla:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n**2)** Llénela:\n{Fence}sql\nINSERT INTO t VALUES (1);\n{Fence}\n\n" +
                          $"## Tarea 2. Ver\na) Cuente:\n{Fence}sql\nSELECT count(*) FROM t;\n{Fence}\n\nb) Borre:\n{Fence}sql\nDELETE FROM t;\n{Fence}\n");
        var steps = Steps(import);
        Assert.Equal(4, steps.Count);
        Assert.StartsWith("1.", steps[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("2)", steps[1].Title, StringComparison.Ordinal);
        Assert.StartsWith("a)", steps[2].Title, StringComparison.Ordinal);
        Assert.StartsWith("b)", steps[3].Title, StringComparison.Ordinal);
        Assert.Equal([4, 9, 15, 20], steps.Select(s => s.Location.Line));
        Assert.DoesNotContain(import.Warnings, w => w.Message.Contains("skips", StringComparison.Ordinal) || w.Message.Contains("repeats", StringComparison.Ordinal));
    }

    [Fact]
    public void A_sentence_in_parentheses_is_not_a_lettered_step()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Crear\nPaso 1. Cree la tabla:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n(a) la tabla queda vacía y\nb)no tiene índices.\n\nNota: a) y b) son lo mismo.\n");
        Assert.Single(Steps(import));
    }

    [Fact]
    public void Setext_headings_are_at_the_line_of_their_text()
    {
        var import = Read($"Laboratorio\n===========\n\nTarea 1: Crear\n==============\n\nPaso 1\n------\n\nCree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Equal("Laboratorio", import.Lab.Title);
        var task = Assert.Single(import.Lab.Tasks);
        Assert.Equal(4, task.Location.Line);
        Assert.Equal(7, Assert.Single(task.Steps).Location.Line);
    }

    [Fact]
    public void Windows_named_by_number_are_sessions()
    {
        var import = Read($"# Demo\n\nAbra dos ventanas: **Ventana 1** y **Ventana 2**.\n\n## Tarea 1. Bloqueo\nPaso 1. En la Ventana 1:\n{Fence}sql\nBEGIN;\nUPDATE t SET n = 2;\n{Fence}\n" +
                          $"Paso 2. En la segunda ventana:\n{Fence}sql\nUPDATE t SET n = 3;\n{Fence}\n");
        var steps = Steps(import);
        Assert.NotEqual(((SqlAction)steps[0].Action).Session, ((SqlAction)steps[1].Action).Session);
    }

    [Fact]
    public void Windows_the_operating_system_names_no_session()
    {
        var import = Read($"# Demo\n\nEn Windows 10 use PowerShell.\n\n## Tarea 1. Crear\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Equal(SqlAction.MainSession, ((SqlAction)Assert.Single(Steps(import)).Action).Session);
    }

    [Theory]
    [InlineData("✅ **Resultado esperado:** algo parecido a esto (los tiempos varían):")]
    [InlineData("Expected output (yours will differ):")]
    public void Words_after_a_result_label_that_end_with_a_colon_introduce_the_block_after_them(string label)
    {
        var import = Read($"# Demo\n\n## Tarea 1. Carga\nPaso 1. Ejecute:\n{Fence}bash\npgbench -c 4 -T 10 curso\n{Fence}\n\n{label}\n\n{Fence}\npgbench (15.18)\nnumber of clients: 4\ntps = 1313.6 (without initial connection time)\n{Fence}\n");
        var step = Assert.Single(Steps(import));
        Assert.IsType<ShellAction>(step.Action);
        Assert.Contains("number of clients: 4", step.Expect!.OutputContains ?? step.Expect.Prose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("> CREATE EXTENSION", "CREATE EXTENSION")]
    [InlineData(">  count \n> -------\n>      3\n> (1 fila)", "     3")]
    public void Psql_output_quoted_after_a_result_label_is_the_panel(string quote, string shown)
    {
        var import = Read($"# Demo\n\n## Tarea 1. Ver\nPaso 1. Ejecute:\n{Fence}sql\nSELECT 1;\n{Fence}\n\n**Resultado esperado:**\n\n{quote}\n");
        var step = Assert.Single(Steps(import));
        Assert.Contains(shown, step.Expect!.Panel, StringComparison.Ordinal);
        Assert.Null(step.Expect.Prose);
    }

    [Fact]
    public void A_quoted_sentence_after_a_result_label_stays_prose()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Ver\nPaso 1. Ejecute:\n{Fence}sql\nSELECT 1;\n{Fence}\n\n**Resultado esperado:**\n\n> Verá una fila con el valor uno.\n");
        var step = Assert.Single(Steps(import));
        Assert.Null(step.Expect!.Panel);
        Assert.Contains("Verá una fila", step.Expect.Prose, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Debe responder `CREATE ROLE`.")]
    [InlineData("It should print `CREATE ROLE`.")]
    public void A_sentence_after_the_command_saying_what_it_answers_is_its_result(string sentence)
    {
        var import = Read($"# Demo\n\n## Tarea 1. Rol\nPaso 1. Cree el rol:\n{Fence}sql\nCREATE ROLE ana LOGIN;\n{Fence}\n\n{sentence}\n");
        var step = Assert.Single(Steps(import));
        Assert.Equal("CREATE ROLE", step.Expect!.Panel);
    }

    [Theory]
    [InlineData("## Objetivos\n\n- Cargar datos.\n\nTrabaje en la base `tienda` con el usuario postgres (`sudo -u postgres psql tienda`).")]
    [InlineData("Para todo el laboratorio conéctese con `psql -d tienda`.")]
    public void The_connection_the_objectives_or_introduction_name_is_the_labs_database(string prose)
    {
        var import = Read($"# Demo\n\n{prose}\n\n## Tarea 1. Crear\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Equal("tienda", import.Lab.Server.Database);
    }

    [Theory]
    [InlineData("### Step 3 — Create the file", "Step 3 — Create the file")]
    [InlineData("Paso 3 – Crear la tabla:", "Paso 3 – Crear la tabla")]
    [InlineData("### Paso 3: Crear la tabla", "Paso 3: Crear la tabla")]
    public void A_dash_between_the_step_label_and_its_words_stays_in_the_title(string opener, string title)
    {
        var import = Read($"# Demo\n\n## Tarea 1. Crear\n{opener}\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n");
        Assert.Equal(title, Assert.Single(Steps(import)).Title);
    }

    [Theory]
    [InlineData("Ejecute en las dos:")]
    [InlineData("Run it in both:")]
    public void Run_in_both_with_no_session_named_runs_in_every_session_the_lab_named(string words)
    {
        var import = Read($"# Demo\n\nOpen two terminals, **Terminal 1** and **Terminal 2**.\n\n## Task 1. Pids\nStep 1. In Terminal 1:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n" +
                          $"Step 2. Note each pid. {words}\n{Fence}sql\nSELECT pg_backend_pid();\n{Fence}\n");
        var pids = Steps(import).Where(s => s.Action.Command == "SELECT pg_backend_pid();").Select(s => ((SqlAction)s.Action).Session).ToList();
        Assert.Equal(2, pids.Distinct().Count());
    }

    [Fact]
    public void The_other_window_of_two_named_ones_is_the_other_session()
    {
        var import = Read($"# Demo\n\nAbra la **Ventana 1** y la **Ventana 2**.\n\n## Tarea 1. Bloqueo\na) En la Ventana 1:\n{Fence}sql\nBEGIN;\nUPDATE t SET n = 2;\n{Fence}\n" +
                          $"b) En la Ventana 2:\n{Fence}sql\nUPDATE t SET n = 3;\n{Fence}\n" +
                          $"c) En la Ventana 1:\n{Fence}sql\nCOMMIT;\n{Fence}\n" +
                          $"d) Mire la otra ventana: muestra\n{Fence}\nUPDATE 1\n{Fence}\n");
        var waiting = Steps(import).Single(s => s.Action.Command == "UPDATE t SET n = 3;");
        Assert.Equal("UPDATE 1", waiting.Expect!.Panel);
        Assert.True(waiting.Background);
        Assert.DoesNotContain(import.Warnings, w => w.Message.Contains("another terminal", StringComparison.Ordinal));
    }

    [Fact]
    public void A_pid_column_named_with_the_qualifier_after_it_is_matched_by_its_shape()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Bloqueos\nPaso 1. Consulte:\n{Fence}sql\nSELECT pid AS pid_bloqueado, 1 AS n FROM pg_stat_activity LIMIT 1;\n{Fence}\n{Fence}\n pid_bloqueado | n \n---------------+---\n         31928 | 1\n(1 fila)\n{Fence}\n");
        Assert.Contains("pid_bloqueado", Assert.Single(Steps(import)).Expect!.Matchers.Keys);
    }

    [Theory]
    [InlineData("✅ **Resultado esperado** (los tiempos cambian en cada equipo):")]
    [InlineData("Expected output (your numbers will differ):")]
    [InlineData("**Salida esperada:** algo parecido a esto:")]
    public void A_programs_output_the_lab_says_varies_is_shown_not_compared(string label)
    {
        var import = Read($"# Demo\n\n## Tarea 1. Carga\nPaso 1. Ejecute:\n{Fence}bash\npgbench -c 4 -T 10 curso\n{Fence}\n\n{label}\n\n{Fence}\nnumber of clients: 4\ntps = 1313.6 (without initial connection time)\n{Fence}\n");
        var step = Assert.Single(Steps(import));
        Assert.Null(step.Expect!.OutputContains);
        Assert.Contains("tps = 1313.6", step.Expect.Prose, StringComparison.Ordinal);
    }

    [Fact]
    public void A_programs_output_under_a_plain_label_is_still_compared()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Carga\nPaso 1. Ejecute:\n{Fence}bash\npg_lsclusters\n{Fence}\n\n**Resultado esperado** (como postgres):\n\n{Fence}\nVer Cluster Port Status\n15  main    5432 online\n{Fence}\n");
        Assert.Contains("15  main", Assert.Single(Steps(import)).Expect!.OutputContains, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unnumbered_section_step_is_titled_by_the_sentence_that_introduces_its_code()
    {
        var import = Read($"# Demo\n\n## Tarea 1. Crear\nPaso 1. Cree:\n{Fence}sql\nCREATE TABLE t (id int);\n{Fence}\n\n## Limpieza\n\nBorre las tablas del laboratorio:\n\n{Fence}sql\nDROP TABLE t;\n{Fence}\n");
        var cleanup = Assert.Single(import.Lab.Tasks[1].Steps);
        Assert.Equal("Borre las tablas del laboratorio", cleanup.Title);
        Assert.Equal(11, cleanup.Location.Line);
    }
}
