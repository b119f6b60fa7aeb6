using LabRunner.Tests.Support;

namespace LabRunner.Tests.Tui;

/// <summary>The real binary in a real terminal (tmux) on the seed lab: keys in, screen text out, nothing left behind.</summary>
public sealed class TmuxEndToEndTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);
    private readonly TmuxFolder _folder = new("lr-e2e-");
    private string _temp => _folder.Path;


    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Running_task_2_in_tmux_marks_steps_passed_shows_the_table_and_quits_without_leftovers()
    {
        var exitFile = Path.Combine(_temp, "exit-code");
        var command = $"cd '{TestPaths.RepoRoot}' && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD TMPDIR='{_temp}' XDG_DATA_HOME='{_temp}/data' " +
                      $"XDG_CACHE_HOME='{SuiteEnvironment.CacheHome}' LANG=C.UTF-8 LC_ALL= " + // a tmux server started elsewhere has its own environment
                      $"dotnet '{TestPaths.LabrunnerDll}' respaldo-autovacuum --lang en; echo $? > '{exitFile}'";
        using var tmux = new Tmux(command, 120, 40);

        // The screen opens while the sandbox starts; the header names the server's version once it is up.
        tmux.WaitFor(s => s.Contains("Tarea 1.") && s.Contains("PostgreSQL 1"), Long, "the lab with its server up");
        tmux.Send("F9", "F8", "F8", "F8", "F8"); // the overview closed, task 2, step 1 (after Tarea 1's four steps): SHOW autovacuum ...
        tmux.WaitFor(s => s.Contains("Revisar la configuración actual de autovacuum"), Long, "task 2 step 1");
        tmux.Send("F5");
        var screen = tmux.WaitFor(s => s.Contains("✓ Passed"), Long, "step 1 passed");
        Assert.Contains("✓ Paso 1 · ", screen); // a numbered title gets its short description in the tree
        Assert.Contains(" autovacuum", screen);
        Assert.Contains("------------", screen);
        Assert.Contains("(1 row)", screen);

        tmux.Send("F8", "F5"); // step 2: create and fill the table (a million rows)
        tmux.WaitFor(s => s.Contains("✓ Paso 2"), Long, "step 2 passed");
        tmux.Send("F8", "F5"); // step 3: the table's statistics
        screen = tmux.WaitFor(s => s.Contains("✓ Paso 3"), Long, "step 3 passed");
        Assert.Contains("test_autovacuum", screen);
        Assert.Contains("n_live_tup", screen);
        Assert.Contains("3/15 done", screen);

        var sandboxes = SandboxDirectories();
        Assert.Single(sandboxes);
        var sandboxNamespace = SandboxPidNamespace(sandboxes[0]);
        Assert.True(PostgresProcessesIn(sandboxNamespace) > 0, "the sandbox's postgres should be running while the lab is open");

        tmux.Send("F8", "F5", "C-q"); // quit while step 4 runs: asks first
        tmux.WaitFor("A step is still running", Long);
        tmux.Send("y"); // Yes (Enter would answer No, the default)
        tmux.WaitFor(_ => Tmux.ExitCodeWritten(exitFile), Long, "labrunner to exit");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
        Assert.True(await HostProcesses.EventuallyAsync(() => PostgresProcessesIn(sandboxNamespace) == 0, TimeSpan.FromSeconds(10)), "the sandbox's processes should end");
        Assert.False(Directory.Exists(sandboxes[0]), "the sandbox directory should be removed");
        Assert.True(File.Exists(Path.Combine(_temp, "data", "labrunner", "progress", "respaldo-autovacuum.json")));
    }

    [Fact]
    public void A_course_Markdown_labs_two_terminal_exercise_is_done_at_the_keyboard()
    {
        var lab = Path.Combine(TestPaths.RepoRoot, "tests", "LabRunner.Tests", "Authoring", "course-corpus", "bloqueo-update-commit.md");
        var exitFile = Path.Combine(_temp, "exit-code");
        var command = $"cd '{_temp}' && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD TMPDIR='{_temp}' XDG_DATA_HOME='{_temp}/data' " +
                      $"XDG_CACHE_HOME='{SuiteEnvironment.CacheHome}' LANG=C.UTF-8 LC_ALL= " +
                      $"dotnet '{TestPaths.LabrunnerDll}' '{lab}'; echo $? > '{exitFile}'";
        using var tmux = new Tmux(command, 130, 40);
        tmux.WaitFor(s => s.Contains("Tabla de ayuda") && s.Contains("PostgreSQL 1"), Long, "the lab's overview with its server up");
        tmux.Send("F8"); // Tarea 1, Paso 1
        foreach (var step in new[] { "Paso 1. Conectarse", "Paso 2. Crear la tabla", "Paso 1. En la sesión A" })
        {
            tmux.WaitFor(step, Long);
            tmux.Send("F5");
            tmux.WaitFor(s => s.Contains("● " + step) || s.Contains("✓ " + step), Long, step + " to end");
            tmux.Send("F8");
        }
        tmux.WaitFor("Paso 2. Desde la sesión B ejecutar", Long);
        tmux.Send("F5"); // session B's UPDATE waits for A's lock
        tmux.WaitFor("esperando un bloqueo que tiene la sesión A", Long);
        tmux.Send("F8", "F8"); // Paso 3 (observe), Paso 4: A's COMMIT, run while B waits
        tmux.WaitFor("Paso 4. En la sesión A confirmar", Long);
        tmux.Send("F5");
        var screen = tmux.WaitFor(s => s.Contains("✓ Paso 2. Desde la sesión") && !s.Contains("ejecutando"), Long, "B's UPDATE to pass once A committed");
        Assert.Contains("● Paso 4. En la sesión A", screen);
        Assert.DoesNotContain("Hay un paso en ejecución", screen);
        tmux.Send("C-q");
        tmux.WaitFor(_ => Tmux.ExitCodeWritten(exitFile), Long, "labrunner to exit");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
    }

    private string[] SandboxDirectories() =>
        Directory.GetDirectories(_temp, "labrunner-*").SelectMany(root => Directory.GetDirectories(root, "sandbox-*")).ToArray();

    /// <summary>The sandbox's pid namespace: everything it runs lives there (its holder's pid is in holder.json).</summary>
    private static string SandboxPidNamespace(string sandbox)
    {
        var holder = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(sandbox, "holder.json")), @"""child-pid"": (\d+)");
        return HostProcesses.PidNamespace(int.Parse(holder.Groups[1].Value))!;
    }

    /// <summary>postgres processes in the sandbox's pid namespace.</summary>
    private static int PostgresProcessesIn(string pidNamespace) =>
        HostProcesses.InNamespace(pidNamespace).Count(p => File.ReadAllText($"/proc/{p}/comm").Trim().StartsWith("postgres", StringComparison.Ordinal));
}
