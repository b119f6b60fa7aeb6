using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Psql;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Drawing;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>
/// Issue #14, as a student hit it: defaults that keep work, resume that tells the truth, every pane reachable and
/// scrollable, long output from its end, colours for verdicts, hints that help. Each test failed before its fix.
/// </summary>
public sealed class StudentScreenTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "lr-screen-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir)) Directory.Delete(_dataDir, recursive: true);
    }

    private static StepRunResult Shell(string text, int code) =>
        new(new StepOutput(text, [new ShellResult(code, text)], code == 0 ? StepOutcome.Completed : StepOutcome.Failed, TimeSpan.FromSeconds(1)),
            code == 0 ? Verdict.Pass() : Verdict.Fail(new CouldNotRun("exit")));

    private static StepRunResult Error(string sqlState, string message) =>
        new(new StepOutput($"ERROR:  {message}\n", [new StatementError("ERROR", sqlState, message, null, null, null, null)], StepOutcome.Failed, TimeSpan.FromMilliseconds(3)),
            Verdict.Error(new CouldNotRun(message)));

    // ---- (1) destructive defaults, resume ------------------------------------------------------------------------

    [Fact]
    public void Enter_on_the_restart_question_keeps_the_lab()
    {
        // Before: "Yes" had the focus, so Ctrl+R then Enter threw every verdict and the database away.
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        h.Press(Key.R.WithCtrl, Key.Enter);
        Assert.Null(h.Session.Pending);
        Assert.Equal(0, runner.Restarts);
        Assert.Equal(1, h.Session.DoneCount);
    }

    [Fact]
    public void F6_asks_before_throwing_edits_away_and_Enter_keeps_them()
    {
        // Before: F6 (next to F5) reset the step and its edited command without a word.
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner());
        h.Session.EditCommand("SELECT 42;");
        h.Press(Key.F6);
        Assert.Equal(QuestionKind.ResetStep, h.Session.Pending?.Kind);
        Assert.Contains("Reset the step?", h.Text);
        h.Press(Key.Enter);
        Assert.True(h.Session.IsEdited(h.Session.Selected!));
        h.Press(Key.F6, Key.Y);
        Assert.False(h.Session.IsEdited(h.Session.Selected!));
        h.Press(Key.F6); // nothing to lose now: no question
        Assert.Null(h.Session.Pending);
    }

    [Fact]
    public void Resume_on_a_new_sandbox_replays_the_steps_done_and_stops_at_one_that_fails_now()
    {
        // Before: "continue" put ✓ marks on a brand-new, empty database; a later step then waited for tables that did not exist.
        var store = new ProgressStore(_dataDir);
        var lab = SampleLab.Create();
        using (var first = new ScreenHarness(lab, new ScriptedRunner(), store))
        {
            first.Press(Key.F8, Key.F8, Key.F5);
            first.WaitUntil(() => !first.Session.IsBusy);
            first.Press(Key.F8, Key.F5);
            first.WaitUntil(() => !first.Session.IsBusy);
            Assert.Equal(2, first.Session.DoneCount);
        }
        var failsSecond = new ScriptedRunner(r => r.Step.Id == "p2" ? Error("42P07", "relation \"test_autovacuum\" already exists") : ScriptedRunner.Ok());
        using var h = new ScreenHarness(lab, failsSecond, store, width: 120, offerResume: true);
        Assert.Contains("new, empty database", h.Text);
        h.Press(Key.Enter); // replay: the default
        h.WaitUntil(() => !h.Session.IsBusy && !h.Session.Replaying);
        Assert.Equal(["SHOW autovacuum;", "CREATE TABLE test_autovacuum (id serial PRIMARY KEY, data text);"],
            failsSecond.Requests.Select(r => r.Action.Command.Trim()));
        Assert.Equal(1, h.Session.DoneCount); // the mark that no longer holds is gone
        Assert.Contains("Replay stopped at Paso 2. Crear la tabla", h.Session.Notice);
    }

    [Fact]
    public void Restarting_with_no_progress_saved_yet_says_nothing_about_missing_folders()
    {
        // Before: the first Ctrl+R showed .NET's English "Could not find a part of the path …/progress/…".
        var store = new ProgressStore(Path.Combine(_dataDir, "never-made"));
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), store);
        h.Press(Key.R.WithCtrl, Key.Y);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Null(h.Session.Notice);
        Assert.DoesNotContain("Could not find", h.Text);
    }

    // ---- (2) panes reachable and scrollable ----------------------------------------------------------------------

    [Fact]
    public void Tab_and_Shift_Tab_reach_every_pane_in_a_ring()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 120, height: 40);
        h.Press(Key.F8, Key.F8); // a step with an expected output: both output panes are shown
        var seen = new List<string?>();
        for (var i = 0; i < 5; i++) { h.Press(Key.Tab); seen.Add(h.Screen.FocusedPane?.GetType().Name + (h.Screen.FocusedPane == h.Screen.Actual ? ":actual" : h.Screen.FocusedPane == h.Screen.Expected ? ":expected" : "")); }
        Assert.Equal(["Markdown", "TextView", "TextPane:actual", "TextPane:expected", "TreeView`1"], seen);
        h.Press(Key.Tab.WithShift);
        Assert.Same(h.Screen.Expected, h.Screen.FocusedPane); // Shift+Tab from the steps goes round to the last pane
        h.Press(Key.Tab.WithShift);
        Assert.Same(h.Screen.Actual, h.Screen.FocusedPane);
    }

    [Fact]
    public void The_lines_LabRunner_adds_to_shell_output_are_in_the_interfaces_language()
    {
        // Before: a Spanish screen showed the engine's "exit code 2" and "(cancelled)" inside the output.
        const string text = "rsync: fallo\nexit code 2\n(cancelled)\n";
        var runner = new ScriptedRunner(_ => new StepRunResult(
            new StepOutput(text, [new ShellResult(2, text) { Notes = [new ExitedWith(2), new CancelledByUser()] }], StepOutcome.Cancelled, TimeSpan.FromSeconds(1)),
            Verdict.Fail(new CouldNotRun("exit"))));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 100, height: 30, text: Catalogue.Spanish);
        h.Press(Key.F8, Key.F5, Key.T); // Permitir _todos
        h.WaitUntil(() => !h.Session.IsBusy);
        var screen = h.Text;
        Assert.Contains("rsync: fallo", screen);
        Assert.Contains("│código de salida 2", screen);
        Assert.Contains("│(cancelado)", screen);
        Assert.DoesNotContain("exit code", screen);
        Assert.DoesNotContain("(cancelled)", screen);
    }

    /// <summary>Before: a Spanish screen showed "server restaurado stopped" and "… 900 lines left out …" in English.</summary>
    [Theory]
    [InlineData("server restaurado stopped\n", "servidor restaurado detenido")]
    [InlineData("server restaurado ready (port 5433)\n", "servidor restaurado listo (puerto 5433)")]
    [InlineData("server restaurado started on /var/lib/postgresql/backup1, accepting connections (port 5433)\n",
        "servidor restaurado iniciado sobre /var/lib/postgresql/backup1, acepta conexiones (puerto 5433)")]
    [InlineData("NOTICE:  notice 90\n… 900 lines left out …\nNOTICE:  notice 991\n", "… 900 líneas omitidas …")]
    [InlineData("1\n… 902 lines left out …\nend\n", "… 902 líneas omitidas …")]
    public void Server_messages_and_the_left_out_marker_are_in_the_interfaces_language(string output, string shown)
    {
        StatementResult result = output switch
        {
            _ when output.StartsWith("NOTICE", StringComparison.Ordinal) => new LinesLeftOut(900),
            _ when output.StartsWith("1\n", StringComparison.Ordinal) => new ShellResult(0, output) { LeftOut = [new LinesLeftOut(902)] },
            _ when output.Contains("stopped", StringComparison.Ordinal) => new ShellResult(0, output) { Notes = [new ServerStopped("restaurado")] },
            _ when output.Contains("ready", StringComparison.Ordinal) => new ShellResult(0, output) { Notes = [new ServerReady("restaurado", "5433")] },
            _ => new ShellResult(0, output) { Notes = [new ServerStartedOn("restaurado", "/var/lib/postgresql/backup1", "5433")] },
        };
        Assert.Equal(output.Split('\n').First(l => l.Contains("server", StringComparison.Ordinal) || l.Contains("left out", StringComparison.Ordinal)),
            result switch { LinesLeftOut l => l.Text.TrimEnd('\n'), ShellResult { LeftOut: [var l] } => l.Text.TrimEnd('\n'), ShellResult r => r.Notes[0].Line, _ => "" });
        var runner = new ScriptedRunner(_ => new StepRunResult(new StepOutput(output, [result], StepOutcome.Completed, TimeSpan.FromSeconds(1)), Verdict.Pass()));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 140, height: 30, text: Catalogue.Spanish);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        var screen = h.Text;
        Assert.Contains(shown, screen);
        Assert.DoesNotContain("left out", screen);
        Assert.DoesNotContain("server restaurado", screen);
    }

    [Fact]
    public void Long_shell_output_opens_at_its_end_with_the_exit_code_and_scrolls_with_the_keyboard()
    {
        // Before: 1,220 lines of rsync showed only the first 18, no exit code, no way to scroll to the end.
        var lines = string.Join('\n', Enumerable.Range(1, 1220).Select(i => $"file{i:0000}.dat"));
        var runner = new ScriptedRunner(_ => Shell(lines + "\nsent 1.2M bytes  received 25k bytes\nexit code 23\n", 23));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 100, height: 30);
        h.Press(Key.F8, Key.F5, Key.A); // the shell step asks first: Allow all
        h.WaitUntil(() => !h.Session.IsBusy);
        var screen = h.Text;
        Assert.Contains("Your output · exit code 23", screen);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Count(screen, "exit code 23")); // the title and the output's last line
        Assert.Contains("sent 1.2M bytes", screen);
        Assert.Matches(@"↑ 12\d\d more lines above \(PgUp, Home\)", screen);
        Assert.DoesNotContain("file0001.dat", screen);

        h.Press(Key.Tab, Key.Tab, Key.Tab);
        Assert.Same(h.Screen.Actual, h.Screen.FocusedPane);
        h.Press(Key.Home);
        Assert.Contains("file0001.dat", h.Text);
        Assert.Matches(@"↓ 12\d\d more lines below \(PgDn, End\)", h.Text);
        h.Press(Key.PageDown);
        Assert.DoesNotContain("file0001.dat", h.Text);
        Assert.Contains("more lines above", h.Text);
        h.Press(Key.End);
        Assert.Contains("sent 1.2M bytes", h.Text);
    }

    [Fact]
    public void A_wide_table_scrolls_sideways()
    {
        var wide = " relname | " + string.Join(" | ", Enumerable.Range(1, 12).Select(i => $"column_number_{i}")) + " | last_autovacuum\n";
        var runner = new ScriptedRunner(_ => new StepRunResult(new StepOutput(wide + "(0 rows)\n", [], StepOutcome.Completed, TimeSpan.Zero), Verdict.Pass()));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 120, height: 30);
        h.Press(Key.F8, Key.F8, Key.F8, Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.DoesNotContain("last_autovacuum", h.Text);
        h.Press(Key.Tab, Key.Tab, Key.Tab);
        for (var i = 0; i < 30 && !h.Text.Contains("last_autovacuum", StringComparison.Ordinal); i++) h.Press(Key.CursorRight);
        Assert.Contains("last_autovacuum", h.Text);
    }

    [Fact]
    public void The_command_pane_grows_with_its_command_and_wraps()
    {
        // Before: always 4 rows, never wrapped: a 5-line SHOW step showed 4 lines and no sign of the fifth.
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 100, height: 40);
        h.Session.EditCommand("SHOW autovacuum;\nSHOW autovacuum_naptime;\nSHOW autovacuum_vacuum_threshold;\nSHOW autovacuum_vacuum_scale_factor;\nSHOW track_counts;");
        var screen = h.Text;
        foreach (var line in new[] { "SHOW autovacuum;", "SHOW autovacuum_naptime;", "SHOW autovacuum_vacuum_threshold;", "SHOW autovacuum_vacuum_scale_factor;", "SHOW track_counts;" })
            Assert.Contains(line, screen);
    }

    // ---- (3) colour ---------------------------------------------------------------------------------------------

    private static Terminal.Gui.Drawing.Attribute? AttributeAt(ScreenHarness h, string text)
    {
        var rows = h.Text.Split('\n');
        for (var r = 0; r < rows.Length; r++)
        {
            var c = rows[r].IndexOf(text, StringComparison.Ordinal);
            if (c >= 0) return h.App.Driver!.Contents![r, c].Attribute;
        }
        throw new Xunit.Sdk.XunitException($"'{text}' not on screen:\n{h.Text}");
    }

    [Fact]
    public void Verdicts_are_coloured_in_the_tree_and_on_the_verdict_line_and_not_with_NO_COLOR()
    {
        // Before: ✓ and ✗ were drawn in the default colours.
        var runner = new ScriptedRunner(r => r.Step.Id == "p3" ? new StepRunResult(new StepOutput(" n \n---\n 7\n(1 row)\n", [], StepOutcome.Completed, TimeSpan.Zero),
            Verdict.Fail(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "7"))) : new StepRunResult(new StepOutput("", [], StepOutcome.Completed, TimeSpan.Zero), Verdict.Pass()));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 120, height: 30, palette: Palette.Colour);
        h.Session.Select(2);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Equal(new Color(ColorName16.BrightGreen), AttributeAt(h, "✓ Paso 1. Revisar")!.Value.Foreground);
        Assert.Equal(new Color(ColorName16.BrightRed), AttributeAt(h, "✗ Paso 3. Contar")!.Value.Foreground);
        Assert.Equal(new Color(ColorName16.BrightRed), AttributeAt(h, "✗ Failed")!.Value.Foreground);
        Assert.Equal(new Color(ColorName16.Green), AttributeAt(h, ScreenText.BarDone.ToString())!.Value.Foreground);

        using var plain = new ScreenHarness(SampleLab.Create(), runner, width: 120, height: 30, palette: Palette.FromEnvironment(v => v == "NO_COLOR" ? "1" : null));
        plain.Session.Select(4);
        plain.Press(Key.F5);
        plain.WaitUntil(() => !plain.Session.IsBusy);
        var failed = AttributeAt(plain, "✗ Paso 3. Contar")!.Value;
        Assert.NotEqual(new Color(ColorName16.BrightRed), failed.Foreground);
        Assert.NotEqual(new Color(ColorName16.BrightRed), AttributeAt(plain, "✗ Failed")!.Value.Foreground);
    }

    // ---- (5) hints ----------------------------------------------------------------------------------------------

    [Fact]
    public void F2_gives_a_nudge_from_the_failure_then_the_solution_and_progress_records_how_far()
    {
        // Before: F2 on a step without an author's hint said "This step has no hint", whatever had gone wrong.
        var store = new ProgressStore(_dataDir);
        var runner = new ScriptedRunner(_ => Error("42P01", "relation \"test_autovacuum\" does not exist"));
        using var h = new ScreenHarness(SampleLab.Create(), runner, store, width: 120, height: 40);
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        h.Press(Key.F2);
        Assert.Contains("The table test_autovacuum does not exist yet", h.Text);
        Assert.DoesNotContain("SELECT count(*) AS n FROM test_autovacuum;\n```", h.Session.HintOf(h.Session.Selected!));
        h.Press(Key.F2);
        Assert.Contains("Solution", h.Text);
        Assert.Contains("```\nSELECT count(*) AS n FROM test_autovacuum;\n```", h.Session.HintOf(h.Session.Selected!));
        Assert.Equal(2, store.Load("sample")!.Steps["t2/p3"].HintLevel);
    }

    [Theory]
    [InlineData("25P02", "current transaction is aborted, commands ignored until end of transaction block", "ROLLBACK")]
    [InlineData("55P03", "could not obtain lock on relation \"t\"", "Another session")]
    [InlineData("42601", "syntax error at or near \"SELEC\"", "could not read the command")]
    public void Failure_hints_know_the_SQLSTATE(string state, string message, string says)
    {
        var hint = StepHints.FromFailure(Catalogue.English, Error(state, message));
        Assert.Contains(says, hint);
        Assert.Contains(state, hint);
    }

    [Fact]
    public void Numbered_step_titles_get_a_short_description_in_the_tree()
    {
        var lab = SampleLab.Create();
        var step = new StepRef(0, 0, lab.Tasks[0], lab.Tasks[0].Steps[0] with { Title = "Paso 1.", Text = "Ejecuta **pg_backup_start** en la misma sesión: así empieza." });
        Assert.Equal("Paso 1 · Ejecuta pg_backup_start en la misma sesión", ScreenText.ShortTitle(step));
        Assert.Equal("Paso 2. Copiar el directorio", ScreenText.ShortTitle(new StepRef(1, 0, lab.Tasks[0], lab.Tasks[0].Steps[1])));
    }
}
