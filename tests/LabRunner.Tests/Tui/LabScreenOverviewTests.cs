using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Running;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>The overview and the watch plot slotted into the lab screen: F9 shows and hides the overview; a watched step's series is plotted over its output.</summary>
public class LabScreenOverviewTests
{
    [Fact]
    public void F9_shows_the_overview_over_the_lab_and_a_step_key_closes_it_and_still_acts()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 120, height: 40);
        Assert.False(h.Screen.OverviewShown);

        h.Press(Key.F9);
        var screen = h.Text;
        Assert.True(h.Screen.OverviewShown);
        Assert.Contains("Approximate duration:", screen);
        Assert.Contains("Visual goal:", screen);
        Assert.Contains("│ Tarea 2. Autovacuum", screen); // the diagram: the sample lab has no image

        h.Press(Key.F8);
        Assert.False(h.Screen.OverviewShown);
        Assert.Equal(0, h.Session.SelectedIndex); // "F8 goes to the steps": Paso 1, not past it (before: Paso 2)
        Assert.DoesNotContain("Visual goal:", h.Text);

        h.Press(Key.F9, Key.F5); // another step key closes it and acts
        Assert.False(h.Screen.OverviewShown);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.NotNull(h.Session.ResultOf(h.Session.Selected!));
    }

    [Fact]
    public void At_80x24_the_overview_scrolls_with_the_keys_it_shows()
    {
        // Before: the seed's overview was taller than 80x24; the end of its diagram and the keys line were below the screen's edge.
        var lab = LabRunner.Labs.LabLoader.LoadFile(LabRunner.Tests.Labs.LabFiles.Seed).Lab!;
        using var h = new ScreenHarness(lab, new ScriptedRunner(), width: 80, height: 24, text: LabRunner.Text.Catalogue.Spanish);
        h.Press(Key.F9);
        var rows = h.Text.Split('\n');
        Assert.StartsWith("F9 vuelve a este resumen · F8 va a los pasos · ↑↓ RePág AvPág: desplazarse", rows[22]);
        Assert.Matches(@"↓ \d+ líneas? más abajo", rows[21]);
        Assert.DoesNotContain("Tarea 3. Comprobar", h.Text); // the diagram's last box is below

        h.Press(Key.End);
        var end = h.Text;
        Assert.Contains("│ Tarea 3. Comprobar que el backup se puede restaurar", end);
        Assert.Matches(@"↑ \d+ líneas? más arriba", end.Split('\n')[1]);
        Assert.DoesNotContain("más abajo", end);

        h.Press(Key.Home);
        Assert.Contains("Objetivo de la práctica:", h.Text);
        h.Press(Key.PageDown);
        Assert.DoesNotContain("Objetivo de la práctica:", h.Text);
        Assert.True(h.Screen.OverviewShown); // scrolling keys do not close it
    }

    [Fact]
    public void A_watched_steps_series_is_plotted_over_its_output_with_the_marker()
    {
        var series = new WatchSeries(["n_live_tup", "n_dead_tup"], "last_autovacuum", 200050,
        [
            new WatchSample(TimeSpan.FromSeconds(0), [808687, 500000], false),
            new WatchSample(TimeSpan.FromSeconds(4), [666667, 0], true),
        ]);
        var runner = new ScriptedRunner(_ => new StepRunResult(
            new StepOutput(" n_dead_tup \n------------\n          0\n(1 row)\n", [], StepOutcome.Completed, TimeSpan.FromSeconds(4)), Verdict.Pass()) { Series = series });
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 160, height: 50);

        h.Press(Key.F8, Key.F8, Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);
        var screen = h.Text;

        Assert.Contains("● n_live_tup   ◆ n_dead_tup   ┄ threshold 200050", screen); // the legend, cut at the pane's width
        Assert.True(screen.Split('\n').Count(l => l.Contains(PlotLayout.MarkerGlyph)) >= 5, "the marker is a vertical line:\n" + screen);
        h.Press(Key.F4); // only your output: the whole legend fits
        Assert.Contains("┆ last_autovacuum changed after 4", h.Text);
        Assert.Contains("(1 row)", screen); // the output stays, under the plot
        h.Press(Key.F8);
        Assert.DoesNotContain("◆ n_dead_tup", h.Text); // another step: no plot
    }

    [Fact]
    public void On_a_short_screen_the_live_table_of_a_wait_comes_before_the_plot()
    {
        // Before: at 80x24 the plot took two thirds of a 7-row pane and the live table showed only "(1 row)".
        using var small = new ScreenHarness(SampleLab.Create(), WholeScreenTests.Waits(), width: 80, height: 24);
        small.Session.Select(4);
        small.Press(Key.F5);
        small.WaitUntil(() => small.Session.Activity is not null);
        var screen = small.Text;
        Assert.Contains("latest check, attempt 2", screen);
        Assert.Contains("n_dead_tup", screen);
        Assert.Contains("test_autovacuum |     666667 |     500000", screen);
        Assert.DoesNotContain("◆ n_dead_tup", screen);
        small.Session.CancelRun();
        small.WaitUntil(() => !small.Session.IsBusy);

        using var tall = new ScreenHarness(SampleLab.Create(), WholeScreenTests.Waits(), width: 120, height: 40);
        tall.Session.Select(4);
        tall.Press(Key.F5);
        tall.WaitUntil(() => tall.Session.Activity is not null);
        screen = tall.Text;
        Assert.Contains("◆ n_dead_tup", screen); // room for both
        Assert.Contains("latest check, attempt 2", screen);
        Assert.Contains("test_autovacuum |     666667 |     500000", screen);
        tall.Session.CancelRun();
        tall.WaitUntil(() => !tall.Session.IsBusy);
    }
}
