using System.Text.RegularExpressions;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The server's start as a student meets it in a real terminal (tmux, 80x24, Spanish): a lab whose setup runs a program
/// asks on screen before anything starts, and Ctrl+Q while the sandbox starts (its postgres up, the setup still
/// running) quits at once and leaves no postgres and no sandbox behind. ServerStartTests does the same headless.
/// </summary>
public sealed class ServerStartTmuxTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);
    private readonly TmuxFolder _folder = new("lr-start-");

    public void Dispose() => _folder.Dispose();

    /// <summary>The setup runs a program (consent) and then holds the start for two minutes, its server up.</summary>
    private const string Lab = """
        id: arranque-lento
        title: Arranque con programa
        language: es
        server:
          database: curso
          setup: |
            COPY (SELECT 1) TO PROGRAM 'cat > /dev/null';
            SELECT pg_sleep(120);
        tasks:
          - id: t
            title: Tarea 1. Una tarea
            steps:
              - id: uno
                title: Paso 1.
                text: "Seleccionar uno:"
                sql: SELECT 1 AS uno;
        """;

    [Fact]
    public async Task The_setup_question_is_on_screen_and_ctrl_q_during_the_start_leaves_no_postgres()
    {
        var temp = _folder.Path;
        var lab = Path.Combine(temp, "lab.yaml");
        File.WriteAllText(lab, Lab);
        var exitFile = Path.Combine(temp, "exit-code");
        var command = $"cd '{TestPaths.RepoRoot}' && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD TMPDIR='{temp}' XDG_DATA_HOME='{temp}/data' " +
                      $"XDG_CACHE_HOME='{SuiteEnvironment.CacheHome}' LANG=es_ES.UTF-8 LC_ALL= dotnet '{TestPaths.LabrunnerDll}' '{lab}'; echo $? > '{exitFile}'";
        using var tmux = new Tmux(command, 80, 24);

        // The question whole (its buttons drawn), before anything started.
        var question = tmux.WaitFor(s => s.Contains("¿Dejar que la preparación de la práctica ejecute programas?") && s.Contains("⟦ No ⟧"), Long, "the setup question");
        Assert.Contains("TO PROGRAM", question);
        Assert.Contains("⟦ Iniciar el servidor ⟧", question);
        Assert.Contains("servidor no iniciado", question.Split('\n')[0]);
        Assert.Empty(Sandboxes(temp));

        tmux.Send("i"); // _Iniciar el servidor
        string? pidNamespace = null;
        var starting = tmux.WaitFor(s => (pidNamespace ??= PostgresNamespace(temp)) is not null && s.Contains("iniciando el servidor"),
            Long, "the sandbox's postgres to run while the header says the server starts");
        Assert.Contains("iniciando el servidor", starting.Split('\n')[0]);
        var sandbox = Sandboxes(temp).Single();

        tmux.Send("C-q"); // no question: nothing of the student's runs
        tmux.WaitFor(_ => Tmux.ExitCodeWritten(exitFile), Long, "labrunner to exit");
        Assert.Equal("0", File.ReadAllText(exitFile).Trim());
        Assert.True(await HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(pidNamespace!).Count == 0, TimeSpan.FromSeconds(10)),
            "a process of the sandbox outlived the quit");
        Assert.False(Directory.Exists(sandbox), "the sandbox directory should be removed");
    }

    private static List<string> Sandboxes(string temp) =>
        Directory.GetDirectories(temp, "labrunner-*").SelectMany(r => Directory.GetDirectories(r, "sandbox-*")).ToList();

    /// <summary>The pid namespace of the sandbox once a postgres runs in it (all its processes live there), else null.</summary>
    private static string? PostgresNamespace(string temp)
    {
        foreach (var sandbox in Sandboxes(temp))
        {
            string holder;
            try { holder = File.ReadAllText(Path.Combine(sandbox, "holder.json")); }
            catch (IOException) { continue; } // not written yet
            var child = Regex.Match(holder, @"""child-pid"": (\d+)");
            if (!child.Success || HostProcesses.PidNamespace(int.Parse(child.Groups[1].Value)) is not { } ns) continue;
            if (HostProcesses.InNamespace(ns).Any(p => HostProcesses.CommandLine(p).Contains("postgres", StringComparison.Ordinal))) return ns;
        }
        return null;
    }
}
