using System.Text.RegularExpressions;
using LabRunner.Authoring.Markdown;
using LabRunner.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// No SQL or shell the reader makes comes from a block (or a line) it classified as output, prose, a picture, a table
/// of values, configuration lines, a diagram, pseudo-code or syntax: every command line of every step of every corpus
/// lab is found on a Markdown line of a block the map calls commands, outside any range it calls expected or text.
/// </summary>
public partial class NothingReadAsOutputRunsTests
{
    public static TheoryData<string> AllLabs()
    {
        var data = new TheoryData<string>();
        foreach (var name in CourseCorpus.Names()) data.Add(CourseCorpus.Markdown(name));
        foreach (var file in Directory.GetFiles(CorpusTests.Directory, "*.md").Order(StringComparer.Ordinal)) data.Add(file);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllLabs))]
    public void Every_command_line_comes_from_a_line_read_as_a_command(string path)
    {
        var source = File.ReadAllText(path).Replace("\r\n", "\n").Split('\n');
        var import = MarkdownLabReader.Read(string.Join("\n", source), path);
        var allowed = new HashSet<int>();
        foreach (var e in import.Map.Where(e => e.Element == MapElement.Code && e.Kind is "sql" or "shell" or "transcript" or "mixed"))
            for (var l = e.Line; l <= e.EndLine; l++) allowed.Add(l);
        foreach (var e in import.Map.Where(e => e.Element is MapElement.Expected or MapElement.Text && e.Kind is not ("section" or "label")))
            for (var l = e.Line; l <= Math.Max(e.Line, e.EndLine); l++) allowed.Remove(l);
        var origins = allowed.Where(l => l >= 1 && l <= source.Length).Select(l => source[l - 1]).ToList();
        var strays = new List<string>();
        foreach (var step in import.Lab.AllSteps.Where(s => s.Action is SqlAction or ShellAction))
            foreach (var line in step.Action.Command.Split('\n').Select(Normal).Where(l => l.Length > 0))
            {
                // A path made portable ({{workdir}}) or a placeholder made a variable ({{ip_servidor}}) stands for what the lab wrote.
                var pattern = new Regex(string.Join(".*", Variable().Split(line).Select(Regex.Escape)));
                if (!origins.Any(o => pattern.IsMatch(o))) strays.Add($"{step.Id} \"{step.Title}\": {line}");
            }
        Assert.True(strays.Count == 0, $"{Path.GetFileName(path)}: command lines from no command line of the Markdown:\n  " + string.Join("\n  ", strays));
    }

    /// <summary>What the reader adds to a command line (a `cd` the terminal made, an rsync exclude, psql's ';'), taken away.</summary>
    private static string Normal(string line)
    {
        var s = CdPrefix().Replace(line.Trim(), "");
        s = s.Replace(" --exclude='pg_internal.init'", "", StringComparison.Ordinal);
        return s.TrimEnd(';').Trim();
    }

    [GeneratedRegex(@"\{\{[a-z_][a-z0-9_]*\}\}")]
    private static partial Regex Variable();

    [GeneratedRegex(@"^cd \S+ && ")]
    private static partial Regex CdPrefix();

    private const string Fence = "```";

    private static MarkdownImport Read(string steps) =>
        MarkdownLabReader.Read($"# Demo\n\n## Instrucciones:\n### Tarea 1. Probar\n{steps}", "/labs/demo.md");

    private static IEnumerable<string> Commands(MarkdownImport import) =>
        import.Lab.AllSteps.Where(s => s.Action is SqlAction or ShellAction).Select(s => s.Action.Command);

    [Theory]
    [InlineData("Paso 1. El flujo:\n" + Fence + "\n  UPDATE cuentas ──► trg_auditar (AFTER UPDATE)\n                 │\n                 ▼\n" + Fence + "\n", "trg_auditar")]
    [InlineData("Paso 1. Lo que hace:\n" + Fence + "\n-- pseudológica\nSI el saldo es negativo ENTONCES\n    DELETE la fila\nFIN SI\n" + Fence + "\n", "DELETE la fila")]
    [InlineData("Paso 1. La forma general:\n" + Fence + "\nSintaxis: psql -U usuario -d basededatos\npsql [opciones] [basededatos [usuario]]\n" + Fence + "\n", "psql")]
    [InlineData("Paso 1. Editar:\n" + Fence + "shell\nsudo vi /etc/postgresql/15/main/postgresql.conf\n" + Fence + "\n" + Fence + "\nwal_level = logical\n" + Fence + "\n", "wal_level")]
    [InlineData("Paso 1. Regla:\n" + Fence + "shell\nsudo nano /etc/postgresql/15/main/pg_hba.conf\n" + Fence + "\n" + Fence + "\nhost    curso    alumno    10.0.0.5/32    scram-sha-256\n" + Fence + "\n", "10.0.0.5")]
    [InlineData("Paso 1. Ver:\n" + Fence + "shell\npostgres@curso:~$ grep '^CREATE' dump.sql\nCREATE TABLE public.alumnos (\nCREATE TABLE public.notas (\n" + Fence + "\n", "public.alumnos")]
    [InlineData("Paso 1. A:\n" + Fence + "sql\nBEGIN;\nUPDATE t SET x = 1;\n" + Fence + "\nPaso 2. Otra vez en la sesión A:\n" + Fence + "sql\nUPDATE 1 -- cuando la otra sesión confirmó\nCOMMIT;\n" + Fence + "\n", "UPDATE 1")]
    [InlineData("Paso 1. Índices:\n" + Fence + "shell\nSELECT indexdef FROM pg_indexes WHERE indexname = 'i';\n" + Fence + "\n" + Fence + "\n  indexdef\n------------\n CREATE INDEX i ON public.t USING gin (d)\n(1 fila)\n" + Fence + "\n", "USING gin")]
    [InlineData("Paso 1. Error:\n" + Fence + "sql\nSELECT 1/0;\n" + Fence + "\nResultado esperado:\n" + Fence + "\nERROR:  division by zero\n" + Fence + "\n", "division")]
    [InlineData("Paso 1. Listar:\n" + Fence + "shell\npg_restore -l x.dump | cut -d ' ' -f 4-\n" + Fence + "\nSalida esperada:\n" + Fence + "\nTABLE public alumnos postgres\n" + Fence + "\n", "TABLE public")]
    [InlineData("Paso 1. Ver la tabla:\n" + Fence + "sql\nSELECT 1;\n" + Fence + "\nResultado:\n\n| a | b |\n|---|---|\n| DROP TABLE x | 2 |\n", "DROP TABLE")]
    public void A_block_read_as_output_text_or_config_never_runs(string steps, string marker)
    {
        var import = Read(steps);
        Assert.DoesNotContain(Commands(import), c => c.Contains(marker, StringComparison.Ordinal) && !c.StartsWith("pg_restore", StringComparison.Ordinal) && !c.StartsWith("grep", StringComparison.Ordinal));
    }
}
