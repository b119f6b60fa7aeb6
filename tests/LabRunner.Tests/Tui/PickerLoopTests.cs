using LabRunner.Tui;

namespace LabRunner.Tests.Tui;

/// <summary>Before: Ctrl+Q in a lab opened from the picker ended LabRunner instead of going back to the picker.</summary>
public sealed class PickerLoopTests
{
    [Fact]
    public async Task A_lab_opened_from_the_picker_goes_back_to_it_and_leaving_the_picker_ends()
    {
        var picks = new Queue<string?>(["a", "b", null]);
        var ran = new List<string>();
        var code = await PickerLoop.RunAsync(null, _ => Task.FromResult(picks.Dequeue()), (id, _) => { ran.Add(id); return Task.FromResult(0); }, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Equal(["a", "b"], ran);
        Assert.Empty(picks);
    }

    [Fact]
    public async Task A_named_lab_runs_once_without_the_picker()
    {
        var picked = false;
        var ran = new List<string>();
        await PickerLoop.RunAsync("x", _ => { picked = true; return Task.FromResult<string?>(null); }, (id, _) => { ran.Add(id); return Task.FromResult(0); }, CancellationToken.None);
        Assert.False(picked);
        Assert.Equal(["x"], ran);
    }
}
