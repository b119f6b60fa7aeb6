using Terminal.Gui.Drawing;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace LabRunner.Tui;

/// <summary>
/// The verdict colours: passed green, failed red, waiting or running yellow, manual or skipped dim. Only the 16 basic
/// colours (they look the same in every terminal and in tmux). With NO_COLOR set (https://no-color.org) nothing is
/// coloured: the marks (✓ ✗ ● ~) and words still tell the verdicts apart, and a differing cell is drawn reversed.
/// </summary>
public sealed class Palette
{
    public static Palette Colour { get; } = new(colour: true);
    public static Palette Plain { get; } = new(colour: false);

    /// <summary>NO_COLOR present and not empty turns colour off.</summary>
    public static Palette FromEnvironment(Func<string, string?>? environment = null) =>
        string.IsNullOrEmpty((environment ?? Environment.GetEnvironmentVariable)("NO_COLOR")) ? Colour : Plain;

    private Palette(bool colour) => UsesColour = colour;

    public bool UsesColour { get; }

    /// <summary>The colour of a verdict's mark and words (foreground); null: the view's own colours.</summary>
    public Color? For(StepStatus status) => !UsesColour ? null : status switch
    {
        StepStatus.Passed => new Color(ColorName16.BrightGreen),
        StepStatus.Failed or StepStatus.Error => new Color(ColorName16.BrightRed),
        StepStatus.Running => new Color(ColorName16.BrightYellow),
        StepStatus.Done or StepStatus.NotCompared => new Color(ColorName16.Gray),
        _ => null,
    };

    /// <summary>A verdict's colour over <paramref name="normal"/> (the foreground changes, the background stays).</summary>
    public Attribute On(Attribute normal, StepStatus status) => For(status) is { } fg ? new Attribute(fg, normal.Background) : normal;

    /// <summary>The differing cell in your output (red) and in the expected output (green); reversed without colour.</summary>
    public Attribute ActualCell(Attribute normal) => UsesColour ? new Attribute(ColorName16.White, ColorName16.Red) : Reversed(normal);
    public Attribute ExpectedCell(Attribute normal) => UsesColour ? new Attribute(ColorName16.Black, ColorName16.Green) : Reversed(normal);

    /// <summary>"N more lines above" and other notes about a pane (not its content).</summary>
    public Attribute Note(Attribute normal) => UsesColour ? new Attribute(ColorName16.Cyan, normal.Background) : normal;

    /// <summary>The header bar.</summary>
    public Attribute Header => UsesColour ? new Attribute(ColorName16.Black, ColorName16.Cyan) : new Attribute(ColorName16.Black, ColorName16.White);

    private static Attribute Reversed(Attribute a) => new(a.Background, a.Foreground);
}
