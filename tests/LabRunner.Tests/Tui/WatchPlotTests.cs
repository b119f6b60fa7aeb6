using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Tests.Labs;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Time;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace LabRunner.Tests.Tui;

/// <summary>The watch plot: points of each series, the trigger threshold line and the autovacuum marker, headless.</summary>
public class WatchPlotTests
{
    /// <summary>Dead tuples above the threshold, then 0 after autovacuum ran at 6 s; live tuples steady.</summary>
    private static WatchSeries Autovacuum() => new(["n_live_tup", "n_dead_tup"], "last_autovacuum", 200050,
    [
        new WatchSample(TimeSpan.FromSeconds(0), [808687, 500000], false),
        new WatchSample(TimeSpan.FromSeconds(2), [808687, 500000], false),
        new WatchSample(TimeSpan.FromSeconds(4), [808687, 500000], false),
        new WatchSample(TimeSpan.FromSeconds(6), [666667, 0], true),
    ]);

    [Fact]
    public void Layout_puts_each_sample_the_threshold_and_the_marker_where_they_belong()
    {
        var cells = PlotLayout.Render(Autovacuum(), 40, 12);
        string Row(int r) => new(Enumerable.Range(0, 40).Select(c => cells[r, c].Glyph).ToArray());

        // y from 0 (row 9, above the axis and the time labels) to 808687 (row 0); x from 0 s (column 7) to 6 s (column 39).
        Assert.Equal('●', cells[0, 7].Glyph);    // n_live_tup 808687 at 0 s: the top
        Assert.Equal('◆', cells[3, 7].Glyph);    // n_dead_tup 500000 ≈ 0.62 of the top: row 9 - round(0.618 × 9) = 3
        Assert.Equal('◆', cells[3, 18].Glyph);   // ... again at 2 s: column 7 + round(2/6 × 32)
        Assert.Equal('●', cells[2, 39].Glyph);   // n_live_tup 666667 at 6 s: row 9 - round(0.824 × 9) = 2
        Assert.Equal('◆', cells[9, 39].Glyph);   // n_dead_tup 0 at 6 s, on the marker's column
        Assert.Equal(1, cells[9, 39].Series);
        Assert.Equal(PlotLayout.MarkerGlyph, cells[5, 39].Glyph);
        Assert.Equal(PlotCell.Marker, cells[5, 39].Series);
        Assert.Contains(new string(PlotLayout.ThresholdGlyph, 10), Row(7)); // 200050 ≈ 0.25 of the top: row 9 - round(2.2) = 7
        Assert.StartsWith("808687│●", Row(0));
        Assert.StartsWith("      └─", Row(10));
        Assert.EndsWith("6 s", Row(11));
    }

    [Fact]
    public void The_view_draws_the_points_the_marker_and_the_legend_on_a_headless_screen()
    {
        using var app = Application.Create(new VirtualTimeProvider());
        app.Init();
        app.Driver!.SetScreenSize(100, 16);
        using var window = new Window { BorderStyle = Terminal.Gui.Drawing.LineStyle.None };
        var plot = new WatchPlot("umbral", (marker, at) => $"{marker} cambió tras {at.TotalSeconds:0} s") { Width = Dim.Fill(), Height = Dim.Fill() };
        window.Add(plot);
        var token = app.Begin(window);
        plot.Series = Autovacuum();
        app.LayoutAndDraw(true);
        var screen = app.Driver.ToString();

        Assert.Contains("● n_live_tup   ◆ n_dead_tup   ┄ umbral 200050   ┆ last_autovacuum cambió tras 6 s", screen);
        var lines = screen.Split('\n');
        Assert.Contains(lines, l => l.StartsWith("808687│●", StringComparison.Ordinal));
        Assert.Equal(2, lines.Count(l => l.Contains('◆') && !l.Contains("n_dead_tup"))); // 500000 three times on one row, 0 on another
        Assert.True(lines.Count(l => l.Contains(PlotLayout.MarkerGlyph)) >= 10, "the marker is a vertical line");
        app.End(token!);
    }

    /// <summary>
    /// At 80x24 the output pane has no room for the plot beside the live table (before: it was never seen there). The
    /// screen says Ctrl+G shows it; Ctrl+G draws it over the whole screen (points, threshold, marker, legend), Ctrl+G
    /// again goes back to the step.
    /// </summary>
    [Fact]
    public void At_80x24_ctrl_g_shows_the_watched_steps_plot_over_the_whole_screen()
    {
        var lab = LabLoader.LoadFile(LabFiles.Seed).Lab!;
        var passed = new StepRunResult(new StepOutput(
            "     relname     | n_live_tup | n_dead_tup | last_vacuum |        last_autovacuum\n" +
            "-----------------+------------+------------+-------------+-------------------------------\n" +
            " test_autovacuum |     666667 |          0 |             | 2024-10-06 19:00:44.756802-05\n(1 row)\n", [], StepOutcome.Completed, TimeSpan.FromSeconds(6)),
            // The verdict as the real step gives it: with its notes it takes five rows at 80 columns (it was cut at three).
            Verdict.Pass() with { Notes = [new ColumnMatcher("last_autovacuum", new Matcher.Shape(ValueShape.Timestamp)), new AnyOrder(),
                new MatchedOnAttempt(TimeSpan.FromSeconds(6), 4), new MarkerChanged("last_autovacuum", TimeSpan.FromSeconds(6))] }) { Series = Autovacuum() };
        using var h = new ScreenHarness(lab, new ScriptedRunner(_ => passed), width: 80, height: 24, text: Catalogue.Spanish);
        h.Session.Select(h.Session.Steps.Single(s => s.Step.Id == "table-stats-again"));
        h.Press(Key.F5);
        h.WaitUntil(() => !h.Session.IsBusy);

        var screen = h.Text;
        Assert.DoesNotContain("┄ umbral", screen);   // no room beside the output at 80x24
        Assert.Contains("Ctrl+G: gráfico", screen);  // ... so the screen says where it is
        var verdict = ScreenText.VerdictLine(h.Session, h.Session.Selected!) + " · Ctrl+G: gráfico";
        var missing = verdict.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !screen.Contains(w, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, $"the verdict is cut: {string.Join(" ", missing)}\n{screen}");

        h.Press(Key.G.WithCtrl);
        Assert.True(h.Screen.PlotShown);
        var plot = h.Text;
        Assert.Contains("● n_live_tup   ◆ n_dead_tup   ┄ umbral 200050", plot);
        Assert.Contains("┆ last_autovacuum cambió tras 6,0 s", plot); // the legend on two rows, not cut
        Assert.Contains("Gráfico · Paso 5. · Ctrl+G lo cierra", plot);
        Assert.True(plot.Split('\n').Count(l => l.Contains(PlotLayout.MarkerGlyph)) >= 12, "the plot takes the screen's height");
        Assert.DoesNotContain("Instrucciones", plot);

        h.Press(Key.G.WithCtrl);
        Assert.False(h.Screen.PlotShown);
        Assert.Contains("Instrucciones", h.Text);
        h.Press(Key.G.WithCtrl, Key.Esc); // Esc closes it too (nothing runs to cancel)
        Assert.False(h.Screen.PlotShown);
    }
}
