using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Progress;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using LabRunner.Authoring;
using LabRunner.Running;
using LabRunner.Setup;
using LabRunner.Text;

namespace LabRunner.Tui;

/// <summary>
/// `labrunner [LAB]`: picks a lab, opens its screen while its server starts (the server's start is begun first, then
/// Terminal.Gui starts and draws, so the two overlap), and on the way out saves progress and disposes the server (no
/// postgres left behind, also when the student quits while it starts). A lab whose settings or setup SQL run programs
/// asks on screen before its server starts (unless --allow-shell said yes already).
/// </summary>
public static class TuiApp
{
    public static async Task<int> RunAsync(TuiOptions options, TextWriter output, CancellationToken ct)
    {
        WarmUpTerminalGui();
        var sources = LabSources.Open(options.CatalogPath);
        return await PickerLoop.RunAsync(options.Lab, token => PickAsync(sources, options.Text, token),
            (labId, token) => RunLabAsync(options, sources, labId, output, token), ct);
    }

    /// <summary>
    /// Terminal.Gui's module initializer reads and binds its configuration (~0.15 s of the start, before Create can
    /// run): done on a thread of its own while this one reads the lab and starts its server. Whoever touches Terminal.Gui
    /// first waits for it to finish, as for any module initializer.
    /// </summary>
    private static void WarmUpTerminalGui() =>
        new Thread(() => System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(Application).Module.ModuleHandle))
        {
            IsBackground = true,
            Name = "Terminal.Gui warm-up",
        }.Start();

    /// <summary>One lab, from its server's start to its disposal.</summary>
    private static async Task<int> RunLabAsync(TuiOptions options, LabSources sources, string labId, TextWriter output, CancellationToken ct)
    {
        StartTrace.Mark("lab read begins");
        var lab = await sources.LoadAsync(labId, ct);
        StartTrace.Mark("lab read");
        // Said (or installed) before the screen opens, not as a step's error halfway through.
        var text = options.TextFor(lab);
        var target = await EnsureSetupAsync(options, lab, text, output, ct);
        StartTrace.Mark("setup checked");
        await using var runner = LabRunStepRunner.Create(lab,
            token => LabServers.OpenAsync(target, lab.Server, token), (server, o) => new StepExecutor(server, o),
            new LabRunOptions
            {
                Consent = options.UnconfinedShell ? Consent.Unconfined : Consent.None,
                SetupConsent = options.AllowSetupPrograms ? Consent.ServerProgram : Consent.None,
            });
        // Settings and setup SQL that run programs wait for the student's yes on screen; otherwise the server starts
        // now, before Terminal.Gui does.
        var needs = options.AllowSetupPrograms ? [] : ConsentRules.BeforeStepsByPlace(lab).Select(n => text.SetupNeed(n.Place, n.Effects)).ToList();
        var stop = new CancellationTokenSource(); // the screen's Esc or Ctrl+Q stops the start; disposed when it ends
        var starting = needs.Count == 0 ? Task.Run(() => runner.StartAsync(Consent.None, stop.Token), CancellationToken.None) : null;
        StartTrace.Mark("server start begun");
        if (StartTrace.On) starting?.ContinueWith(_ => StartTrace.Mark("server start finished"), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        var planned = new ServerInfo("", !target.NamesExistingServer, "", 0, lab.Server.Database);
        var store = new ProgressStore(options.ProgressDirectory ?? ProgressStore.DefaultDirectory());
        // Read while Terminal.Gui starts: System.Text.Json works out the progress file's shape by reflection (~0.1 s).
        var saved = Task.Run(() => store.Read(lab.Id), CancellationToken.None);
        var finished = 0;
        RunController runs;
        using (ct.Register(() => _ = WatchdogAsync()))
        {
            runs = RunScreen(lab, runner, planned, session =>
            {
                if (starting is not null) session.FollowStart(starting, stop);
                else
                {
                    stop.Dispose();
                    session.AskSetupConsent(needs);
                }
            }, store, text, ct, saved);
            Volatile.Write(ref finished, 1);
        }
        ct.ThrowIfCancellationRequested();
        // The server never came up and the student left: say why on the terminal too (exit code 2, as before the screen opened).
        if (runs is { Status: ServerStatus.Failed, WasReady: false, StartFailure: { } failure }) throw new UserErrorException(failure);
        if (options.Target.KeepSandbox && runs.ServerReady && runner.Target is Sandbox kept)
            foreach (var line in kept.KeptInstructions) await output.WriteLineAsync(line);
        return 0;

        // When the terminal goes away (SIGHUP) Terminal.Gui may never let go (AppRelease bounds the known case, its dispose);
        // the server must not be stranded because of what is not known.
        // (Ending the process, if it comes to that, is the CLI entry point's business.)
        async Task WatchdogAsync()
        {
            await Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None);
            if (Volatile.Read(ref finished) == 1) return;
            try { await runner.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), CancellationToken.None); }
            catch (Exception) { /* the sandbox janitor removes what is left on the next start */ }
        }
    }

    /// <summary>
    /// The sandbox's binaries and the lab's tools: found, or installed (--install-missing: right away; otherwise the
    /// student is asked in a dialog). Declining leaves with the exact command to run.
    /// </summary>
    private static async Task<TargetOptions> EnsureSetupAsync(TuiOptions options, Lab lab, Catalogue text, TextWriter output, CancellationToken ct)
    {
        var needs = new SetupNeeds { PostgresServer = !options.Target.NamesExistingServer, PgBin = options.Target.PgBin, Tools = lab.Server.Tools };
        if (options.InstallMissing)
        {
            var installed = await MachineSetup.EnsureAsync(options.Host, needs, install: true, consent: null, line => output.WriteLine(line), ct);
            return installed is null ? options.Target : options.Target with { Binaries = installed };
        }
        var (server, missing) = await MachineSetup.CheckAsync(options.Host, needs, ct);
        if (missing.IsEmpty) return server is null ? options.Target : options.Target with { Binaries = server };
        var found = AskToInstall(options, needs, missing, text, ct);
        return found is null ? options.Target : options.Target with { Binaries = found };
    }

    /// <summary>
    /// The install dialog, in a method of its own: Terminal.Gui is loaded (and its configuration read) only when a dialog
    /// is shown, not on the way to the server's start, which should begin as early as it can.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static PgBinaries? AskToInstall(TuiOptions options, SetupNeeds needs, MissingSoftware missing, Catalogue text, CancellationToken ct)
    {
        PgBinaries? found = null;
        var app = Application.Create();
        using var release = AppRelease.Of(app, ct);
        app.Init();
        using var dialog = new SetupDialog(missing, text, async (onLine, token) =>
            found = await MachineSetup.InstallAsync(options.Host, needs, missing, onLine, token));
        using var stop = ct.Register(() => app.Invoke(() => app.RequestStop()));
        app.Run(dialog);
        ct.ThrowIfCancellationRequested();
        if (dialog.Failure is { } failure) throw new MissingSoftwareException(failure, missing);
        if (!dialog.Installed) throw new MissingSoftwareException(missing.Explain(consent: null), missing);
        return found;
    }

    /// <summary>
    /// Runs the lab screen until the student quits (or the process is told to stop). <paramref name="open"/> ties the
    /// session to the server's start (or asks for consent) once the screen exists; the first draw does not wait for it.
    /// </summary>
    /// <param name="saved">The lab's saved progress, being read already (null: read here).</param>
    public static RunController RunScreen(Lab lab, IStepRunner runner, ServerInfo? planned, Action<LabSession> open, ProgressStore store, Catalogue text, CancellationToken ct,
        Task<SavedProgress>? saved = null)
    {
        StartTrace.Mark("RunScreen");
        var app = Application.Create();
        using var release = AppRelease.Of(app, ct);
        app.Init();
        StartTrace.Mark("Terminal.Gui Init done");
        app.Keyboard.KeyBindings.Remove(Key.Esc); // Esc cancels a running step here, it does not quit
        var session = new LabSession(lab, runner, store, text, a => app.Invoke(a), planned: planned);
        StartTrace.Mark("session");
        using var screen = new LabScreen(app, session, overviewFirst: true);
        StartTrace.Mark("LabScreen");
        open(session);
        session.OfferResume(saved?.GetAwaiter().GetResult());
        using var stop = ct.Register(() => app.Invoke(() => app.RequestStop()));
        session.Runs.TakeFinishedStart();
        StartTrace.Mark("screen built");
        app.LayoutAndDrawComplete += (_, _) => StartTrace.Mark(session.ServerReady ? "drawn (server ready)" : "drawn");
        app.Run(screen);
        // After a signal the sandbox's disposal ends what a step still does; a student who quits waits for the step to let go.
        session.StopAndWait(ct.IsCancellationRequested ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
        session.Save();
        return session.Runs;
    }

    private static async Task<string?> PickAsync(LabSources sources, Catalogue text, CancellationToken ct)
    {
        var choices = new List<LabChoice>();
        foreach (var entry in sources.Catalog?.Entries ?? [])
        {
            var read = await sources.ReadAsync(entry.Id, ct);
            choices.Add(new LabChoice(entry.Id, read.Lab?.Title ?? text.InvalidLab));
        }
        var app = Application.Create();
        using var release = AppRelease.Of(app, ct);
        app.Init();
        using var picker = new LabPicker(choices, text);
        using var stop = ct.Register(() => app.Invoke(() => app.RequestStop()));
        app.Run(picker);
        return picker.Chosen?.Id;
    }
}
