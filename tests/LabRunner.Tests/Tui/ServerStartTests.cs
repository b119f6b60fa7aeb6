using System.Collections.Concurrent;
using System.Text.Json;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Tests.Support;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The lab screen opens while its server starts (the app begins the start, then Terminal.Gui's). Before: the server and
/// the lab's setup ran before the screen existed, a lab whose setup needed consent was refused instead of asked, and a
/// failure to start was a line on the terminal. Real engine, real server (the fixture's sandbox, or one of its own).
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class ServerStartTests(SandboxFixture fx)
{
    // No awaits once a screen exists: this thread's sync context is its main loop's.
    private static T Sync<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();
    private static void Sync(Func<Task> work) => Task.Run(work).GetAwaiter().GetResult();

    private static Lab LabOn(string database, string? setup = null) => new()
    {
        Id = "start", Title = "Server start", Server = new ServerRequirements { Database = database, Setup = setup },
        Tasks =
        [
            new LabTask
            {
                Id = "t", Title = "Task",
                Steps =
                [
                    new Step { Id = "one", Title = "One", Text = "Select one.", Action = new SqlAction("SELECT 1 AS one;"),
                        Expect = new Expectation { Columns = ["one"], Rows = [["1"]] } },
                    new Step { Id = "db", Title = "Which database", Text = "Name the database you are in.", Action = new SqlAction("SELECT '{{database}}' AS db;") },
                ],
            },
        ],
    };

    private static ServerInfo Planned(Lab lab) => new("", IsSandbox: false, "", 0, lab.Server.Database);

    /// <summary>The engine on the fixture's sandbox (a database of its own); its server comes up only once <paramref name="gate"/> lets it.</summary>
    private LabRunStepRunner Runner(Lab lab, SemaphoreSlim? gate = null, Action? opened = null) => LabRunStepRunner.Create(lab, async ct =>
    {
        opened?.Invoke();
        if (gate is not null) await gate.WaitAsync(ct);
        return (IServerTarget)await ExistingServer.ConnectAsync(fx.Sandbox.ConnectionString(lab.Server.Database).ConnectionString, null, ct);
    }, (target, o) => new StepExecutor(target, o), null);

    private static Action<LabSession> StartNow(IStepRunner runner)
    {
        var stop = new CancellationTokenSource(); // the session's start owns it from here
        var starting = Task.Run(() => runner.StartAsync(Consent.None, stop.Token));
        return session => session.FollowStart(starting, stop);
    }

    [Fact]
    public void The_screen_is_drawn_while_the_server_starts_reading_works_and_keys_that_need_it_wait()
    {
        var lab = LabOn(Sync(() => fx.CreateDatabaseAsync("start")));
        using var gate = new SemaphoreSlim(0);
        var runner = Runner(lab, gate);
        try
        {
            using var h = new ScreenHarness(lab, runner, width: 140, planned: Planned(lab), open: StartNow(runner));
            Assert.True(h.Session.Starting);
            var screen = h.Text;
            Assert.Contains("starting the server…", screen);
            Assert.DoesNotContain("PostgreSQL", screen); // no version until there is a server
            Assert.Contains("Select one.", screen);

            h.Press(Key.F8);                             // moving and reading work
            Assert.Equal(1, h.Session.SelectedIndex);
            Assert.Contains("Name the database you are in.", h.Text);
            h.Press(Key.F5);                             // running does not
            Assert.Contains("still starting", h.Text);
            Assert.Null(h.Session.ResultOf(h.Session.Selected!));
            Assert.Equal(StepStatus.NotRun, h.Session.StatusOf(h.Session.Selected!));
            h.Press(Key.R.WithCtrl);                     // nor restarting
            Assert.Null(h.Session.Pending);

            gate.Release();
            h.WaitUntil(() => h.Session.ServerReady);
            screen = h.Text;
            Assert.Contains("PostgreSQL 1", screen);
            Assert.DoesNotContain("still starting", screen);
            Assert.Contains(lab.Server.Database, h.Screen.CommandText); // {{database}} filled in by the server once it is up
            h.Press(Key.F7, Key.F5);
            h.WaitUntil(() => !h.Session.IsBusy);
            Assert.Contains("✓ Passed", h.Text);
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask());
        }
    }

    [Fact]
    public void Esc_stops_the_start_and_ctrl_r_starts_the_server_again_in_the_interface_language()
    {
        var lab = LabOn(Sync(() => fx.CreateDatabaseAsync("stop")));
        using var gate = new SemaphoreSlim(0);
        var opens = 0;
        var runner = Runner(lab, gate, () => Interlocked.Increment(ref opens));
        try
        {
            using var h = new ScreenHarness(lab, runner, width: 140, text: Catalogue.Resolve("es"), planned: Planned(lab), open: StartNow(runner));
            Assert.Contains("iniciando el servidor…", h.Text);
            h.WaitUntil(() => Volatile.Read(ref opens) == 1);
            h.Press(Key.Esc);
            h.WaitUntil(() => !h.Session.Starting);
            Assert.Equal(ServerStatus.NotStarted, h.Session.ServerStatus);
            Assert.Contains("servidor no iniciado", h.Text);
            Assert.Contains("Se detuvo el inicio del servidor", h.Text);

            gate.Release();
            h.Press(Key.R.WithCtrl);
            h.WaitUntil(() => !h.Session.Starting);
            Assert.Equal(ServerStatus.Ready, h.Session.ServerStatus);
            Assert.Equal(2, Volatile.Read(ref opens));
            Assert.Contains("PostgreSQL 1", h.Text);
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask());
        }
    }

    [Fact]
    public void A_failed_start_says_why_on_screen_without_a_stack_trace_and_the_student_can_quit()
    {
        var lab = LabOn(Sync(() => fx.CreateDatabaseAsync("fail")), setup: "SELECT * FROM no_such_table;");
        var runner = Runner(lab);
        try
        {
            using var h = new ScreenHarness(lab, runner, width: 120, planned: Planned(lab), open: StartNow(runner));
            h.WaitUntil(() => !h.Session.Starting);
            Assert.Equal(ServerStatus.Failed, h.Session.ServerStatus);
            Assert.Equal(QuestionKind.StartFailed, h.Session.Pending?.Kind);
            var screen = h.Text;
            Assert.Contains("The server did not start", screen);
            Assert.Contains("relation \"no_such_table\" does not exist", h.Session.Pending!.Message); // PostgreSQL's own words
            Assert.Contains("no_such_table", screen);
            Assert.DoesNotContain(" at LabRunner", screen);
            Assert.DoesNotContain("Exception", screen);

            h.Press(Key.Esc);                             // closes the message: the lab can still be read
            Assert.Null(h.Session.Pending);
            Assert.Contains("server not started", h.Text);
            h.Press(Key.F5);
            Assert.Null(h.Session.ResultOf(h.Session.Selected!));
            Assert.False(h.QuitRequested);

            h.Press(Key.R.WithCtrl);                      // tries again: the same failure, the same message
            h.WaitUntil(() => h.Session.Pending?.Kind == QuestionKind.StartFailed);
            h.Press(Key.Q);                               // its Quit button
            Assert.True(h.QuitRequested);
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask());
        }
    }

    [Fact]
    public void Setup_that_runs_programs_is_asked_on_screen_and_no_leaves_the_server_unstarted()
    {
        var database = Sync(() => fx.CreateDatabaseAsync("consent"));
        var lab = LabOn(database, setup: "CREATE TABLE setup_ran AS SELECT 1 AS x;\nCOPY (SELECT 1) TO PROGRAM 'cat > /dev/null';");
        var needs = ConsentRules.BeforeSteps(lab);
        Assert.NotEmpty(needs);
        var opens = 0;
        var runner = Runner(lab, opened: () => Interlocked.Increment(ref opens));
        try
        {
            using var h = new ScreenHarness(lab, runner, width: 140, height: 40, planned: Planned(lab), open: s => s.AskSetupConsent(needs));
            Assert.Equal(QuestionKind.SetupConsent, h.Session.Pending?.Kind);
            var screen = h.Text;
            Assert.Contains("Let the lab's setup run programs?", screen);
            Assert.Contains("COPY … TO PROGRAM runs a program", h.Session.Pending!.Message);
            Assert.Contains("TO PROGRAM", screen);

            h.Press(Key.Enter);                           // the default answer is No
            Assert.Null(h.Session.Pending);
            Assert.Equal(ServerStatus.NotStarted, h.Session.ServerStatus);
            Assert.Contains("server not started", h.Text);
            Assert.Contains("its setup needs your consent", h.Text);
            h.Press(Key.F5);
            Assert.Null(h.Session.ResultOf(h.Session.Selected!));
            Assert.Equal(0, Volatile.Read(ref opens));    // nothing was opened, nothing ran
            Assert.False(Sync(() => TableExistsAsync(database, "setup_ran")));

            h.Press(Key.R.WithCtrl);                      // asks again
            Assert.Equal(QuestionKind.SetupConsent, h.Session.Pending?.Kind);
            h.Press(Key.S);                               // Start the server
            h.WaitUntil(() => !h.Session.Starting && h.Session.ServerStatus != ServerStatus.NotStarted);
            Assert.Equal(ServerStatus.Ready, h.Session.ServerStatus);
            Assert.True(Sync(() => TableExistsAsync(database, "setup_ran")));
            Assert.Contains("PostgreSQL 1", h.Text);
        }
        finally
        {
            Sync(() => runner.DisposeAsync().AsTask());
        }
    }

    [Fact]
    public void Quitting_while_a_sandbox_starts_leaves_no_postgres_and_no_sandbox_behind()
    {
        var root = TestPaths.SandboxRoot + "-quit-" + Guid.NewGuid().ToString("N")[..8]; // its own: nobody else's sandboxes counted
        var lab = LabOn("curso", setup: "SELECT pg_sleep(60);"); // the start is held in its setup, with its server running
        var runner = LabRunStepRunner.Create(lab,
            async ct => (IServerTarget)await Sandbox.StartAsync(new SandboxOptions { Database = "curso", RootDirectory = root }, ct),
            (target, o) => new StepExecutor(target, o), null);
        // Every pid namespace a sandbox of this root had (confined: all its processes live there; see holder.json).
        var namespaces = new ConcurrentDictionary<string, bool>();
        using var watching = new CancellationTokenSource();
        var watcher = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                foreach (var ns in HolderNamespaces(root)) namespaces.TryAdd(ns, true);
                await Task.Delay(5, CancellationToken.None);
            }
        });
        try
        {
            using (var h = new ScreenHarness(lab, runner, planned: new ServerInfo("", true, "", 0, "curso"), open: StartNow(runner)))
            {
                // Under way: the sandbox's postgres runs, the lab's setup has not finished.
                h.WaitUntil(() => namespaces.Keys.Any(ns => HostProcesses.InNamespace(ns).Any(p => HostProcesses.CommandLine(p).Contains("postgres", StringComparison.Ordinal))), timeoutMs: 60_000);
                Assert.True(h.Session.Starting);
                h.Press(Key.Q.WithCtrl);
                Assert.True(h.QuitRequested);             // no question: nothing of the student's is running
                Assert.True(h.Session.StopAndWait(TimeSpan.FromSeconds(30)), "the start should stop");
            }
            Sync(() => runner.DisposeAsync().AsTask());
            watching.Cancel();
            Sync(() => watcher);
            foreach (var ns in namespaces.Keys)
                Assert.True(Sync(() => HostProcesses.EventuallyAsync(() => HostProcesses.InNamespace(ns).Count == 0, TimeSpan.FromSeconds(10))),
                    "a process of the sandbox outlived the quit");
            Assert.Empty(Directory.GetDirectories(root, SandboxFolder.Prefix + "*"));
        }
        finally
        {
            watching.Cancel();
            Sync(() => runner.DisposeAsync().AsTask());
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private static IEnumerable<string> HolderNamespaces(string root)
    {
        if (!Directory.Exists(root)) yield break;
        foreach (var dir in Directory.GetDirectories(root, SandboxFolder.Prefix + "*"))
        {
            string? ns = null;
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "holder.json")));
                ns = HostProcesses.PidNamespace(doc.RootElement.GetProperty("child-pid").GetInt32());
            }
            catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException or KeyNotFoundException) { /* not written yet, or gone */ }
            if (ns is not null) yield return ns;
        }
    }

    private async Task<bool> TableExistsAsync(string database, string table)
    {
        await using var conn = await fx.OpenAsync(database);
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT to_regclass($1) IS NOT NULL", conn);
        cmd.Parameters.AddWithValue(table);
        return (bool)(await cmd.ExecuteScalarAsync())!;
    }
}
