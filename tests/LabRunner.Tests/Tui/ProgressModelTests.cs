using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

/// <summary>The student's progress without a screen, an engine or a thread: plain objects in, plain objects out.</summary>
public sealed class ProgressModelTests
{
    private static StepRunResult Result(Verdict verdict, StepOutcome outcome = StepOutcome.Completed) =>
        new(new StepOutput("out", [], outcome, TimeSpan.FromMilliseconds(3)), verdict);

    private static readonly Verdict Failed = Verdict.Fail(new CellDiffers(1, null, "n", new Matcher.Exact(), "0", false, "7"));

    [Fact]
    public void Steps_are_the_labs_in_order_and_selection_stays_inside_them()
    {
        var model = new ProgressModel(SampleLab.Create());

        Assert.Equal(["t1/p1", "t1/p2", "t2/p1", "t2/p2", "t2/p3"], model.Steps.Select(s => s.Key));
        Assert.True(model.Select(99));
        Assert.Equal(4, model.SelectedIndex);
        Assert.False(model.Select(4));
        Assert.Equal(2, model.FirstOf(1)!.Index);
    }

    [Theory]
    [InlineData(VerdictStatus.Passed, StepOutcome.Completed, StepStatus.Passed)]
    [InlineData(VerdictStatus.Failed, StepOutcome.Completed, StepStatus.Failed)]
    [InlineData(VerdictStatus.Error, StepOutcome.TimedOut, StepStatus.Error)]
    [InlineData(VerdictStatus.Skipped, StepOutcome.Completed, StepStatus.NotRun)]
    [InlineData(VerdictStatus.Error, StepOutcome.Cancelled, StepStatus.NotRun)]
    public void A_finished_run_keeps_its_verdict_as_the_steps_mark(VerdictStatus verdict, StepOutcome outcome, StepStatus mark)
    {
        var model = new ProgressModel(SampleLab.Create());
        var step = model.Steps[2];

        model.Finished(step, Result(new Verdict(verdict, new OutputMatches()), outcome));

        Assert.Equal(mark, StepStatuses.Of(model.VerdictOf(step)));
        Assert.NotNull(model.ResultOf(step));
    }

    [Fact]
    public void An_edit_back_to_the_original_is_no_edit()
    {
        var model = new ProgressModel(SampleLab.Create());
        var step = model.Steps[0];

        Assert.True(model.Edit(step, "SELECT 2;", "SELECT 1;"));
        Assert.False(model.Edit(step, "SELECT 2;", "SELECT 1;"));
        Assert.True(model.Edit(step, "SELECT 1;  \r\n", "SELECT 1;"));
        Assert.False(model.IsEdited(step));
    }

    [Fact]
    public void Saved_progress_comes_back_as_it_was()
    {
        var first = new ProgressModel(SampleLab.Create());
        first.Finished(first.Steps[2], Result(Verdict.Pass()));
        first.Finished(first.Steps[4], Result(Failed));
        first.Edit(first.Steps[3], "CREATE TABLE mine (id int);", "CREATE TABLE x;");
        first.ShowHint(first.Steps[1]);
        first.Select(3);
        first.Finished(first.Steps[0], Result(Verdict.Pass(), StepOutcome.Cancelled)); // cancelled: not kept

        var saved = first.Snapshot(DateTimeOffset.UnixEpoch);
        var second = new ProgressModel(SampleLab.Create());
        second.Apply(saved);

        Assert.Equal(["t1/p2", "t2/p1", "t2/p2", "t2/p3"], saved.Steps.Keys.Order());
        Assert.Equal(3, second.SelectedIndex);
        Assert.Equal(1, second.DoneCount);
        Assert.Equal(VerdictStatus.Failed, second.VerdictOf(second.Steps[4]));
        Assert.Equal(Failed.Reason, second.SavedOf(second.Steps[4])!.Reason);
        Assert.Equal("CREATE TABLE mine (id int);", second.EditOf(second.Steps[3]));
        Assert.True(second.HintShown(second.Steps[1]));
        Assert.Null(second.ResultOf(second.Steps[4])); // the output itself is not kept
    }

    [Fact]
    public void Running_a_step_again_forgets_its_saved_verdict_and_reset_forgets_everything_of_it()
    {
        var model = new ProgressModel(SampleLab.Create());
        var step = model.Steps[4];
        model.Finished(step, Result(Failed));
        model.Apply(model.Snapshot(DateTimeOffset.UnixEpoch));
        model.Edit(step, "x", "y");

        model.Started(step);
        Assert.Null(model.SavedOf(step));
        Assert.Null(model.ResultOf(step));

        model.Reset(step);
        Assert.Equal(VerdictStatus.NotRun, model.VerdictOf(step));
        Assert.False(model.IsEdited(step));
        model.Clear();
        Assert.Empty(model.Snapshot(DateTimeOffset.UnixEpoch).Steps);
    }
}
