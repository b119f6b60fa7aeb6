using LabRunner.Labs;
using LabRunner.Authoring;

namespace LabRunner.Tests.Authoring;

public class LabYamlWriterTests
{
    private static Lab LabWith(Step step, ServerRequirements? server = null) => new()
    {
        Id = "demo",
        Title = "Demo",
        Server = server ?? new ServerRequirements(),
        Tasks = [new LabTask { Id = "task-1", Title = "Tarea 1.", Steps = [step] }],
    };

    private static Lab RoundTrip(Lab lab)
    {
        var loaded = LabLoader.LoadText(LabYamlWriter.Write(lab), "/labs/demo/lab.yaml");
        Assert.True(loaded.Lab is not null, string.Join("\n", loaded.Diagnostics) + "\n" + LabYamlWriter.Write(lab));
        return loaded.Lab!;
    }

    [Fact]
    public void Multi_line_text_is_written_as_a_literal_block()
    {
        var yaml = LabYamlWriter.Write(LabWith(new Step { Id = "s", Title = "Paso 1.", Action = new SqlAction("SELECT 1;\nSELECT 2;") }));
        Assert.Contains("    sql: |\n      SELECT 1;\n      SELECT 2;\n", yaml);
    }

    [Fact]
    public void Panels_starting_with_spaces_keep_their_indentation()
    {
        var panel = " count\n-------\n     3\n(1 row)";
        var step = new Step { Id = "s", Title = "Paso 1.", Action = new SqlAction("SELECT count(*) FROM t;"), Expect = new Expectation { Panel = panel } };
        // Written as `|2` (clip): the loader reads it back with the final newline a hand-written block has.
        Assert.Equal(panel + "\n", RoundTrip(LabWith(step)).Tasks[0].Steps[0].Expect!.Panel);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("10")]
    [InlineData("null")]
    [InlineData("{{workdir}}/x")]
    [InlineData("a: b")]
    [InlineData("# no comment")]
    [InlineData("'quoted'")]
    public void Text_that_yaml_would_read_otherwise_is_quoted(string text)
    {
        var step = new Step { Id = "s", Title = text, Action = new ShellAction($"echo {text}") };
        var back = RoundTrip(LabWith(step, new ServerRequirements { Settings = new Dictionary<string, string> { ["max_prepared_transactions"] = text } }));
        Assert.Equal(text, back.Tasks[0].Steps[0].Title);
        Assert.Equal(text, back.Server.Settings["max_prepared_transactions"]);
    }

    [Fact]
    public void Every_expectation_field_survives_the_loader()
    {
        var expect = new Expectation
        {
            Columns = ["a", "b", "c", "d"],
            Rows = [["1", null, "f0", "x"], ["x", "y", "0a", "y"]],
            Matchers = new Dictionary<string, Matcher>
            {
                ["a"] = new Matcher.Shape(ValueShape.Timestamp),
                ["b"] = new Matcher.Tolerance(1, Percent: true),
                ["c"] = new Matcher.Regex("^[0-9a-f]+$"),
                ["d"] = new Matcher.NotNull(),
            },
            Ordered = true,
            SubsetOfColumns = true,
            Eventually = new Eventually(TimeSpan.FromMinutes(2), TimeSpan.FromMilliseconds(500)),
        };
        var step = new Step
        {
            Id = "s",
            Title = "Paso 1.",
            Action = new SqlAction("SELECT 1 AS a, 2 AS b, 3 AS c, 4 AS d;", "alice") { Database = "otra" },
            Expect = expect,
            Variants = [new StepVariant(new VersionRange(15, null), new SqlAction("SELECT 2 AS a, 2 AS b, 3 AS c, 4 AS d;", "alice") { Database = "otra" })],
            Timeout = TimeSpan.FromSeconds(30),
            Hint = "Mire la tabla.",
        };
        var back = RoundTrip(LabWith(step)).Tasks[0].Steps[0];
        Assert.Equal([], LabEquivalence.Differences(LabWith(step), LabWith(back)));
        Assert.Equal(("alice", "otra"), (((SqlAction)back.Action).Session, ((SqlAction)back.Action).Database));
        Assert.Equal((TimeSpan?)TimeSpan.FromSeconds(30), back.Timeout);
        Assert.Equal("Mire la tabla.", back.Hint);
    }

    [Theory]
    [InlineData("replicacion-streaming.yaml")]
    [InlineData("replicacion-logica.yaml")]
    public void Servers_edits_and_server_steps_survive_the_round_trip(string file)
    {
        var path = Path.Combine(Support.TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Postgres", "labs", file);
        var lab = LabLoader.LoadFile(path).Lab!;
        var made = new Step { Id = "nuevo", Title = "Paso 9.", Action = new ServerAction(ServerOperation.StartOn, "restaurado") { DataDirectory = "/var/lib/postgresql/copia", Port = 5440 } };

        var back = RoundTrip(lab with { Tasks = [.. lab.Tasks, new LabTask { Id = "extra", Title = "Tarea 9.", Steps = [made] }] });

        Assert.Equal(lab.Server.Servers, back.Server.Servers);
        Assert.Equal(lab.AllSteps.Append(made).Select(s => s.Action), back.AllSteps.Select(s => s.Action));
    }
}
