using System.Text.RegularExpressions;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Tui;

/// <summary>
/// A Spanish student walks the bundled seed lab in a real terminal (tmux), with the keys a student uses: the overview
/// first, F9 to the steps, F5 on each, the shell question answered, the autovacuum wait watched while it waits, the
/// completion screen and "Comprobar mi trabajo" at the end. The whole lab at 80x24 (a real student's terminal); at 120x40
/// the backup and its restore (Tareas 1 and 3: Tarea 2's million rows are what makes a walk slow, and the 80x24 walk
/// has them).
/// </summary>
public sealed class SeedLabWalkTests : IDisposable
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(120);
    /// <summary>Tarea 2, Paso 5 waits up to 3 minutes for autovacuum (the lab's own `eventually`).</summary>
    private static readonly TimeSpan Autovacuum = TimeSpan.FromSeconds(200);

    private readonly TmuxFolder _folder = new("lr-walk-");
    private string _temp => _folder.Path;


    public void Dispose() => _folder.Dispose();

    /// <summary>The lab's steps as the tree names them at 80 columns (cut, "Paso 1 · In…"; the start of each is unique) and what each says to do.</summary>
    private static readonly (string Tree, string Says)[] Tarea1 =
    [
        ("Paso 1 · In", "Iniciar una sesión psql"),
        ("Paso 2 · Co", "Copiar el directorio de datos"),
        ("Paso 3 · Te", "Terminar el backup"),
        ("Paso 4 · Gu", "Guardar el labelfile"),
    ];

    private static readonly (string Tree, string Says)[] Tarea2 =
    [
        ("Paso 1 · Re", "Revisar la configuración actual"),
        ("Paso 2 · Cr", "Crear una tabla de prueba"),
        ("Paso 3 · Ob", "Observar las estadísticas"),
        ("Paso 4 · Re", "Realizar operaciones de actualización"),
        ("Paso 5 · Re", "Revisar nuevamente las estadísticas"),
    ];

    private static readonly (string Tree, string Says)[] Tarea3 =
    [
        ("Paso 1 · Co", "Comprobar que la copia tiene lo necesario"),
        ("Paso 2 · Pr", "Preparar la recuperación"),
        ("Paso 3 · Ar", "Arrancar un segundo servidor"),
        ("Paso 4 · En", "En el servidor restaurado"),
        ("Paso 5 · De", "Detener el servidor restaurado"),
        ("Paso 6 · El", "Eliminar el servidor restaurado"),
    ];

    /// <summary>Steps with nothing to compare (a server started, a server stopped): done, marked ●, never ✓.</summary>
    private static readonly HashSet<string> OnlyRun = [Tarea3[2].Says, Tarea3[4].Says];

    [Fact]
    public async Task A_student_walks_the_whole_seed_lab_at_80x24()
    {
        var walk = new Walk(_temp, 80, 24);
        using var tmux = walk.Tmux;
        walk.Opens();

        var passed = 0;
        foreach (var step in Tarea1) walk.Runs(step, ++passed, first: passed == 1);
        foreach (var step in Tarea2[..4]) walk.Runs(step, ++passed);

        // Paso 5 at once after Paso 4's million-row UPDATE/DELETE: autovacuum has not finished yet, so the step waits,
        // and the screen shows the last check's table (the dead tuples) and when the next comes, while it waits.
        walk.Selects(Tarea2[4]);
        tmux.Send("F5");
        var waiting = tmux.WaitFor(s => (s.Contains("última comprobación") && s.Contains("| n_dead_tup |")) || Mark(s, Tarea2[4].Tree) == "✓",
            Autovacuum, "the autovacuum wait"); // the title and the table both drawn, not a frame half drawn
        Assert.True(waiting.Contains("última comprobación"), "Paso 5 should wait for autovacuum with its live output shown. Screen:\n" + waiting);
        Assert.Contains("Tu salida · última comprobación, intento ", waiting); // the pane's title: which check the table is
        Assert.Contains("| n_dead_tup |", waiting);
        Assert.Contains("Esc: cancelar", waiting);
        Assert.Matches(@"⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏", Mark(waiting, Tarea2[4].Tree));
        walk.Passes(Tarea2[4], ++passed, Autovacuum);

        foreach (var step in Tarea3) walk.Runs(step, ++passed);

        // The last step passed: the completion screen, and the grader's checks run read-only on the student's database.
        var done = tmux.WaitFor("Práctica terminada", Step);
        Assert.Contains("Los 15 pasos hechos.", done);
        Assert.Contains("Comprobar mi trabajo", done);
        tmux.Send("Enter"); // "Comprobar mi trabajo" is the default
        var checks = tmux.WaitFor("comprobaciones correctas", Step);
        Assert.Contains("1 de 1 comprobaciones correctas", checks);
        Assert.Contains("La tabla conserva 666667 filas", checks);
        tmux.Send("Enter"); // Cerrar
        await walk.QuitsCleanly();
    }

    [Fact]
    public async Task A_student_makes_the_backup_and_restores_it_at_120x40()
    {
        var walk = new Walk(_temp, 120, 40);
        using var tmux = walk.Tmux;
        walk.Opens();

        var passed = 0;
        foreach (var step in Tarea1) walk.Runs(step, ++passed, first: passed == 1);
        foreach (var step in Tarea2) walk.Selects(step); // Tarea 2 is the 80x24 walk's
        walk.Runs(Tarea3[0], ++passed);
        walk.Runs(Tarea3[1], ++passed);
        var running = walk.Runs(Tarea3[2], ++passed);
        // The second server, started on the copy, is named in the header while it runs.
        Assert.Contains("restaurado", running.Split('\n')[0]);
        var data = walk.Runs(Tarea3[3], ++passed);
        Assert.Contains("1000 | t", data); // alumnos is there; test_autovacuum is not
        walk.Runs(Tarea3[4], ++passed);
        Assert.DoesNotContain("restaurado", tmux.Capture().Split('\n')[0]);
        walk.Runs(Tarea3[5], ++passed);
        Assert.DoesNotContain("Práctica terminada", tmux.Capture()); // Tarea 2 is not done
        await walk.QuitsCleanly();
    }

    /// <summary>The mark (✓ ✗ · or a spinner) before a step's name in the tree, or "" when it is not on the screen.</summary>
    private static string Mark(string screen, string tree)
    {
        var m = Regex.Match(screen, @"(\S) " + Regex.Escape(tree));
        return m.Success ? m.Groups[1].Value : "";
    }

    /// <summary>One student's session: labrunner in tmux on a fresh sandbox, in Spanish, as the README's first command opens it.</summary>
    private sealed class Walk
    {
        private readonly string _temp;
        private readonly string _exitFile;
        private string? _sandbox;
        private string? _sandboxNamespace;

        public Tmux Tmux { get; }
        private int Consents { get; set; }
        private const string ShellQuestion = "¿Ejecutar un comando de shell?";
        private const string ProgramQuestion = "¿Dejar que el servidor ejecute un programa?";

        public Walk(string temp, int width, int height)
        {
            _temp = temp;
            _exitFile = Path.Combine(temp, "exit-code");
            var command = $"cd '{TestPaths.RepoRoot}' && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD TMPDIR='{temp}' XDG_DATA_HOME='{temp}/data' " +
                          $"XDG_CACHE_HOME='{SuiteEnvironment.CacheHome}' LANG=es_ES.UTF-8 LC_ALL= " +
                          $"dotnet '{TestPaths.LabrunnerDll}' respaldo-autovacuum; echo $? > '{_exitFile}'";
            Tmux = new Tmux(command, width, height);
        }

        /// <summary>The lab opens on its overview; F9 goes to the steps, Paso 1 selected.</summary>
        public void Opens()
        {
            // The screen opens while the sandbox starts; the header names the server's version once it is up.
            var overview = Tmux.WaitFor(s => s.Contains("Objetivo de la práctica") && s.Contains("PostgreSQL 1") && !s.Contains("iniciando el servidor"),
                Step, "the overview with the lab's server up");
            Assert.Contains("Respaldo con API de bajo nivel y Autovacuum", overview);
            Assert.Contains("Duración aproximada: 30 minutos", overview);
            Tmux.Send("F9");
            var screen = Tmux.WaitFor(s => Mark(s, Tarea1[0].Tree) == "·", Step, "the steps");
            Assert.Contains(Tarea1[0].Says, screen);
            Assert.Contains("0/15 hechos", screen);
            _sandbox = Directory.GetDirectories(_temp, "labrunner-*").SelectMany(r => Directory.GetDirectories(r, "sandbox-*")).Single();
            var holder = Regex.Match(File.ReadAllText(Path.Combine(_sandbox, "holder.json")), @"""child-pid"": (\d+)");
            _sandboxNamespace = HostProcesses.PidNamespace(int.Parse(holder.Groups[1].Value));
        }

        /// <summary>F8 until the step is the selected one: its instruction shows, its command below it.</summary>
        public void Selects((string Tree, string Says) step)
        {
            if (Tmux.Capture().Contains(step.Says)) return;
            Tmux.Send("F8");
            Tmux.WaitFor(step.Says, Step);
        }

        /// <summary>Selects the step, F5, answers the shell question (allow all, once for the lab), waits for ✓.</summary>
        public string Runs((string Tree, string Says) step, int passedAfter, bool first = false)
        {
            if (!first) Selects(step);
            Tmux.Send("F5");
            // A question whole (its buttons drawn), or the step's mark.
            var screen = Tmux.WaitFor(s => ((s.Contains(ShellQuestion) || s.Contains(ProgramQuestion)) && s.Contains("Permitir una vez")) || Mark(s, step.Tree) is "✓" or "●" or "✗" or "!",
                Step, $"{step.Tree} to run");
            if (screen.Contains(ShellQuestion) || screen.Contains(ProgramQuestion))
            {
                Assert.True(Consents++ == 0, "one \"allow all\" answers for the whole lab. Screen:\n" + screen);
                Assert.Contains("rsync -av", screen); // the exact command, before it runs
                Assert.Contains("Permitir una vez", screen);
                Tmux.Send("t"); // Permitir _todos en esta práctica: no more questions for this lab
            }
            return Passes(step, passedAfter, Step);
        }

        public string Passes((string Tree, string Says) step, int passedAfter, TimeSpan within)
        {
            // The whole screen, not a frame half drawn: the mark, the verdict line and the header's count.
            var (mark, word) = OnlyRun.Contains(step.Says) ? ("●", "● Hecho") : ("✓", "✓ Correcto");
            string[] shown = [word, $"{passedAfter}/15 hechos", step.Says];
            var screen = Tmux.WaitFor(s => Mark(s, step.Tree) is "✗" or "!" || (Mark(s, step.Tree) == mark && shown.All(s.Contains)), within, $"{step.Tree} to finish");
            Assert.True(Mark(screen, step.Tree) == mark, $"{step.Tree} should end {mark}. Screen:\n{screen}");
            return screen;
        }

        /// <summary>Ctrl+Q: exit code 0, the sandbox's processes ended and its folder removed.</summary>
        public async Task QuitsCleanly()
        {
            Tmux.Send("C-q");
            Tmux.WaitFor(_ => Tmux.ExitCodeWritten(_exitFile), Step, "labrunner to exit");
            Assert.Equal("0", File.ReadAllText(_exitFile).Trim());
            Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(_sandboxNamespace!).Count == 0, TimeSpan.FromSeconds(10)),
                "the sandbox's processes should end");
            Assert.False(Directory.Exists(_sandbox), "the sandbox directory should be removed");
        }
    }
}
