using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Progress;
using LabRunner.Psql;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

public sealed class LabScreenTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("labrunner-progress-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    public void Screen_shows_header_steps_and_rendered_instructions()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 100, height: 48);
        var screen = h.Text;
        Assert.Contains("Respaldo y autovacuum", screen);
        Assert.Contains("sandbox · PostgreSQL 15.18 · db curso · ░░░░░░░░░░ 0/5 done", screen);
        Assert.Contains("Tarea 1. Backup", screen);
        Assert.Contains("· Paso 1. Iniciar", screen);
        Assert.Contains("Usa la API de bajo nivel.", screen); // **bold** rendered, not raw Markdown
        Assert.DoesNotContain("**", screen);
        Assert.Contains("• en la misma sesión", screen);
        Assert.Contains("SELECT pg_backup_start('backup1', false)", screen);
        Assert.Contains("F5", screen);
    }

    [Fact]
    public void F8_and_F7_move_between_steps_across_tasks()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner());
        h.Press(Key.F8, Key.F8);
        Assert.Equal("t2/p1", h.Session.Selected!.Key);
        Assert.Contains("SHOW autovacuum;", h.Text);
        Assert.Contains("Revisar autovacuum", h.Text);
        h.Press(Key.F7);
        Assert.Equal("t1/p2", h.Session.Selected!.Key);
        Assert.Contains("rsync -a", h.Text);
    }

    [Fact]
    public void Arrow_keys_in_the_step_tree_select_steps()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner());
        h.Press(Key.CursorDown);
        Assert.Equal("t1/p2", h.Session.Selected!.Key);
        Assert.Contains("Copia con rsync.", h.Text);
        h.Press(Key.CursorDown); // the task row selects the task's first step
        Assert.Equal("t2/p1", h.Session.Selected!.Key);
    }

    [Fact]
    public void F5_runs_the_step_and_shows_the_output_mark_and_verdict()
    {
        var runner = new ScriptedRunner(_ => new StepRunResult(
            new StepOutput(" autovacuum \n------------\n on\n(1 row)\n", [], StepOutcome.Completed, TimeSpan.FromMilliseconds(40)),
            Verdict.Pass()));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 120, height: 40);
        h.Press(Key.F8, Key.F8, Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        var screen = h.Text;
        Assert.Equal("SHOW autovacuum;", runner.Requests.Single().Action.Command);
        Assert.Contains("✓ Paso 1. Revisar", screen);
        Assert.Contains("✓ Passed — output matches", screen);
        Assert.Contains(" on", screen);
        Assert.Contains("(1 row)", screen);
        Assert.Contains("1/5 done", screen);
    }

    [Fact]
    public void A_failed_check_is_explained_in_words_and_the_differing_cell_is_highlighted()
    {
        var text = new PsqlText();
        text.Append(new CommandTag("BEGIN"));
        text.Append(new ResultSet([new ResultColumn("n", "bigint", true)], [["7"]], 1, "h"));
        var runner = new ScriptedRunner(_ => new StepRunResult(
            new StepOutput(text.Text, [], StepOutcome.Completed, TimeSpan.FromMilliseconds(5)) { Tables = text.Tables },
            Verdict.Fail(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "7"))
                with
            {
                Notes = [new ColumnMatcher("last_autovacuum", new Matcher.Any())],
                FirstDifference = new CellDifference(1, 1, "n", "0", "7") { ActualResult = 1, ExpectedRow = 0, ExpectedColumn = 0 },
            }));
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 140, height: 40);
        h.Session.Select(4);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.True(h.Screen.SideBySide);
        Assert.Contains("✗ Failed — row 1, n: expected 0, got 7", h.Text);
        Assert.Contains("last_autovacuum: any value", h.Text); // '_' is text, not a hot key mark
        Assert.Contains("✗ Paso 3. Contar", h.Text);
        // Placed by the renderer (actual) and by the expectation's own table (expected): the tag line comes first in the output.
        Assert.Equal(new CellSpan(3, 0, 2), Assert.Single(h.Screen.Actual.Highlights));
        Assert.Equal(new CellSpan(2, 0, 2), Assert.Single(h.Screen.Expected.Highlights));
    }

    [Fact]
    public void Ctrl_Enter_runs_the_edited_command_from_the_editor()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Session.Select(3);
        h.Press(Key.Tab, Key.Tab); // steps → instructions → command
        h.Press(Key.End.WithCtrl);
        h.Type(" --mine");
        Assert.True(h.Session.IsEdited(h.Session.Selected!));
        Assert.Contains("edited", h.Text);
        h.Press(Key.Enter.WithCtrl);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.EndsWith("--mine", runner.Requests.Single().Action.Command);
        h.Press(Key.F3);
        Assert.False(h.Session.IsEdited(h.Session.Selected!));
        Assert.Equal("CREATE TABLE test_autovacuum (id serial PRIMARY KEY, data text);", h.Screen.CommandText.TrimEnd());
    }

    [Fact]
    public void A_running_step_shows_a_spinner_with_what_it_waits_for_and_Esc_cancels_it()
    {
        var runner = new ScriptedRunner();
        runner.Hold();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F5);
        h.WaitUntil(() => h.Session.Activity is not null);
        var screen = h.Text;
        Assert.Contains("running", screen);
        Assert.Contains("waiting for lock", screen);
        Assert.Equal(StepStatus.Running, h.Session.StatusOf(h.Session.Selected!));
        h.Press(Key.F5); // a second run while one is going is refused, visibly
        Assert.Contains("A step is running: wait for it or press Esc.", h.Text);
        Assert.Single(runner.Requests);
        h.Press(Key.Esc);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Contains("Cancelled", h.Text);
        Assert.Equal(StepStatus.NotRun, h.Session.StatusOf(h.Session.Selected!));
        Assert.False(h.QuitRequested); // Esc cancels the step, it does not quit
    }

    [Fact]
    public void A_shell_step_asks_before_running_and_cancel_runs_nothing()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F8, Key.F5);
        var screen = h.Text;
        Assert.Contains("Run a shell command?", screen);
        Assert.Contains("rsync -a {{datadir}}/ {{workdir}}/backup1/", screen);
        Assert.Contains("Allow once", screen);
        Assert.Contains("Allow all for this lab", screen);
        h.Press(Key.Esc);
        Assert.Null(h.Session.Pending);
        Assert.DoesNotContain("Run a shell command?", h.Text);
        Assert.Empty(runner.Requests);
    }

    [Fact]
    public void Allow_once_runs_the_shell_step_and_asks_again_next_time()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F8, Key.F5, Key.Enter); // first button: allow once
        h.WaitUntil(() => !h.Session.IsBusy && runner.Requests.Count == 1);
        Assert.True(runner.Requests[0].AllowShell);
        h.Press(Key.F5);
        Assert.Equal(QuestionKind.ShellConsent, h.Session.Pending?.Kind);
    }

    [Fact]
    public void Allow_all_runs_shell_steps_without_asking_again()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F8, Key.F5, Key.Tab, Key.Enter); // second button: allow all
        h.WaitUntil(() => !h.Session.IsBusy && runner.Requests.Count == 1);
        Assert.True(h.Session.ShellAllowedForLab);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy && runner.Requests.Count == 2);
        Assert.Null(h.Session.Pending);
    }

    [Fact]
    public void Quit_asks_only_while_a_step_is_running()
    {
        var runner = new ScriptedRunner();
        runner.Hold();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F5, Key.Q.WithCtrl);
        Assert.Contains("A step is still running", h.Text);
        h.Press(Key.Enter); // No: the default while a step runs
        Assert.False(h.QuitRequested);
        Assert.True(h.Session.IsBusy);
        h.Press(Key.Q.WithCtrl, Key.Y); // Yes: cancels, then quits
        h.WaitUntil(() => h.QuitRequested);
        Assert.False(h.Session.IsBusy);
    }

    [Fact]
    public void Quit_when_idle_does_not_ask()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner());
        h.Press(Key.Q.WithCtrl);
        Assert.True(h.QuitRequested);
    }

    [Fact]
    public void Restart_asks_first_and_then_clears_every_step()
    {
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner);
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Equal(1, h.Session.DoneCount);
        h.Press(Key.R.WithCtrl);
        Assert.Contains("Restart the lab?", h.Text);
        h.Press(Key.Esc);
        Assert.Equal(1, h.Session.DoneCount);
        h.Press(Key.R.WithCtrl, Key.Y); // Enter would answer No: the default for throwing work away
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Equal(0, h.Session.DoneCount);
        Assert.Equal(1, runner.Restarts);
    }

    [Fact]
    public void F2_shows_the_hint_in_the_instructions()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner());
        h.Press(Key.F8);
        Assert.DoesNotContain("Excluye postmaster.pid.", h.Text);
        h.Press(Key.F2);
        Assert.Contains("Excluye postmaster.pid.", h.Text);
        Assert.True(h.Session.HintShown(h.Session.Selected!));
    }

    [Fact]
    public void F1_lists_every_key()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 100, height: 34);
        h.Press(Key.F1);
        var screen = h.Text;
        foreach (var key in new[] { "F5, Ctrl+Enter", "Esc", "F8, Ctrl+N", "F7, Ctrl+P", "Tab", "F2", "F3", "F4", "F6", "Ctrl+R", "F1", "Ctrl+Q" })
            Assert.Contains(key, screen);
        h.Press(Key.Esc);
        Assert.Null(h.Session.Pending);
    }

    [Fact]
    public void Progress_is_saved_and_offered_back_on_the_next_start()
    {
        var store = new ProgressStore(_dataDir);
        var lab = SampleLab.Create();
        using (var first = new ScreenHarness(lab, new ScriptedRunner(), store))
        {
            first.Press(Key.F8, Key.F8, Key.F5);
            first.WaitUntil(() => !first.Session.IsBusy);
            first.Press(Key.F2, Key.F8);
            first.Session.EditCommand("CREATE TABLE mine (id int);");
        }
        var again = new ScriptedRunner();
        using var second = new ScreenHarness(lab, again, store, offerResume: true);
        Assert.Contains("Welcome back", second.Text);
        Assert.Contains("1 of 5 steps done", second.Text);
        second.Press(Key.Enter); // replay (a sandbox is new: the marks come back by running the steps again)
        second.WaitUntil(() => !second.Session.IsBusy);
        Assert.Equal(["SHOW autovacuum;"], again.Requests.Select(r => r.Action.Command.Trim()));
        Assert.Equal("t2/p2", second.Session.Selected!.Key);
        Assert.Contains("CREATE TABLE mine (id int);", second.Text);
        Assert.Contains("✓ Paso 1. Revisar", second.Text);
        Assert.True(second.Session.HintShown(second.Session.Steps[2]));
    }

    [Theory]
    [InlineData("""{ "format": 1, "labId": "respaldo-autovacuum", "steps": null }""")]
    [InlineData("""{ "format": 1, "labId": "respaldo-autovacuum", "steps": { "x": null } }""")]
    public void A_progress_file_of_the_wrong_shape_is_set_aside_with_one_line_and_the_lab_opens(string json)
    {
        var store = new ProgressStore(_dataDir);
        var lab = SampleLab.Create();
        Directory.CreateDirectory(_dataDir);
        File.WriteAllText(store.PathFor(lab.Id), json);

        using var h = new ScreenHarness(lab, new ScriptedRunner(), store, width: 200, offerResume: true);

        Assert.Null(h.Session.Pending);
        Assert.Contains($"Saved progress could not be read", h.Text);
        Assert.Contains($"it was set aside as {store.PathFor(lab.Id)}.damaged", h.Session.Notice);
        Assert.Contains(".damaged", h.Text); // the whole notice wraps on screen rather than being cut
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Equal(1, h.Session.DoneCount);
    }

    [Fact]
    public void A_saved_verdict_reads_in_the_language_of_the_session_that_shows_it()
    {
        var store = new ProgressStore(_dataDir);
        var lab = SampleLab.Create();
        var failing = new ScriptedRunner(_ => new StepRunResult(
            new StepOutput(" n \n---\n 7\n(1 row)\n", [], StepOutcome.Completed, TimeSpan.FromMilliseconds(5)),
            Verdict.Fail(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "7"))));
        using (var first = new ScreenHarness(lab, failing, store, width: 140))
        {
            first.Session.Select(4);
            first.Press(Key.F5);
            first.WaitUntil(() => !first.Session.IsBusy);
            Assert.Contains("✗ Failed — row 1, n: expected 0, got 7", first.Text);
        }
        using var second = new ScreenHarness(lab, new ScriptedRunner(), store, width: 140, text: Catalogue.Spanish, offerResume: true);
        second.Press(Key.Enter); // continuar
        Assert.Contains("✗ Incorrecto — fila 1, n: se esperaba 0, se obtuvo 7", second.Text);
    }

    [Fact]
    public void Start_over_discards_saved_progress()
    {
        var store = new ProgressStore(_dataDir);
        var lab = SampleLab.Create();
        using (var first = new ScreenHarness(lab, new ScriptedRunner(), store))
        {
            first.Press(Key.F5);
            first.WaitUntil(() => !first.Session.IsBusy);
        }
        using var second = new ScreenHarness(lab, new ScriptedRunner(), store, offerResume: true);
        second.Press(Key.Tab, Key.Enter); // start over
        Assert.Equal(0, second.Session.DoneCount);
        Assert.Null(store.Load(lab.Id));
    }

    [Fact]
    public void At_80x24_every_pane_and_the_status_bar_are_on_screen()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 80, height: 24);
        h.Press(Key.F8, Key.F8);
        var screen = h.Text;
        Assert.Contains("Steps", screen);
        Assert.Contains("Instructions", screen);
        Assert.Contains("Command", screen);
        Assert.Contains("Your output", screen);
        Assert.Contains("F5", screen);
        Assert.False(h.Screen.SideBySide);
        Assert.DoesNotContain("Expected", h.Text);
        h.Press(Key.F4);
        Assert.Contains("Expected", h.Text);
        Assert.DoesNotContain("Your output", h.Text);
        Assert.Contains("autovacuum", h.Text);
    }

    [Fact]
    public void F4_cycles_both_panes_yours_and_expected_on_a_wide_screen()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 140, height: 30);
        Assert.Equal(LabScreen.OutputMode.Actual, h.Screen.ShownOutput); // nothing expected: the output takes the width
        h.Press(Key.F8, Key.F8);
        Assert.Equal(LabScreen.OutputMode.Both, h.Screen.ShownOutput);
        h.Press(Key.F4);
        Assert.Equal(LabScreen.OutputMode.Actual, h.Screen.ShownOutput);
        Assert.DoesNotContain("Expected", h.Text);
        h.Press(Key.F4);
        Assert.Equal(LabScreen.OutputMode.Expected, h.Screen.ShownOutput);
        Assert.DoesNotContain("Your output", h.Text);
        h.Press(Key.F4);
        Assert.Equal(LabScreen.OutputMode.Both, h.Screen.ShownOutput);
    }

    [Fact]
    public void Resizing_re_lays_out_the_output_side_by_side()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 80, height: 24);
        h.Press(Key.F8, Key.F8);
        Assert.False(h.Screen.SideBySide);
        Assert.DoesNotContain("Expected", h.Text);
        h.App.Driver!.SetScreenSize(160, 40);
        h.Pump();
        _ = h.Text;
        Assert.True(h.Screen.SideBySide);
        Assert.Contains("Your output", h.Text);
        Assert.Contains("Expected", h.Text);
    }

    [Fact]
    public void The_interface_speaks_Spanish_when_asked()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), text: Catalogue.Spanish);
        var screen = h.Text;
        Assert.Contains("Pasos", screen);
        Assert.Contains("Instrucciones", screen);
        Assert.Contains("Ejecutar", screen);
        Assert.Contains("0/5 hechos", screen);
    }
}
