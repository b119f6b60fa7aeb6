using LabRunner.Tests.Support;
using LabRunner.Text;
using LabRunner.Tui;
using Terminal.Gui.Input;

namespace LabRunner.Tests.Tui;

/// <summary>One key table makes the bindings, the status bar, the F1 help and the README's table: they cannot disagree.</summary>
public sealed class KeyTableTests
{
    [Fact]
    public void The_READMEs_key_table_is_the_key_table()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        Assert.Contains(KeyTable.MarkdownTable(Catalogue.English), readme);
    }

    [Fact]
    public void No_key_is_bound_twice()
    {
        var keys = KeyTable.All.SelectMany(c => c.Keys).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    public void The_status_bar_fits_at_120_columns_in_both_languages(string language)
    {
        var text = Catalogue.For(language);
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 120, height: 30, text: text);

        var bar = h.Text.Split('\n')[29];

        var labels = KeyTable.All.Where(c => c.Label is not null).ToList();
        Assert.Equal(labels.Count, h.Screen.Shortcuts.Count);
        foreach (var c in labels)
            Assert.Contains($"{KeyTable.Name(c.Keys[0], text)}  {c.Label!(text)}", bar); // whole, not cut ("F6 Reset ste")
    }

    [Fact]
    public void F1_lists_every_key_of_the_table_with_what_it_does()
    {
        using var h = new ScreenHarness(SampleLab.Create(), new ScriptedRunner(), width: 120, height: 40);
        h.Press(Key.F1);
        var screen = h.Text;
        foreach (var c in KeyTable.All)
        {
            Assert.Contains(KeyTable.Keys(c, Catalogue.English), screen);
            Assert.Contains(c.Help(Catalogue.English), screen);
        }
    }

    [Fact]
    public void Every_bound_key_reaches_its_command()
    {
        // Each command leaves a trace in the session; the key table's keys are what the screen binds.
        var runner = new ScriptedRunner();
        using var h = new ScreenHarness(SampleLab.Create(), runner, width: 120, height: 40);
        h.Press(Key.N.WithCtrl);
        Assert.Equal(1, h.Session.SelectedIndex);
        h.Press(Key.P.WithCtrl);
        Assert.Equal(0, h.Session.SelectedIndex);
        h.Press(Key.Enter.WithCtrl);
        h.WaitUntil(() => !h.Session.IsBusy);
        Assert.Single(runner.Requests);
        h.Press(Key.F1);
        Assert.Equal(QuestionKind.Help, h.Session.Pending?.Kind);
        h.Press(Key.Esc);
        h.Press(Key.R.WithCtrl);
        Assert.Equal(QuestionKind.Restart, h.Session.Pending?.Kind);
        h.Press(Key.Esc);
        Assert.Null(h.Session.Pending);
    }
}
