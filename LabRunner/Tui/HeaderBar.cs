using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Attribute = Terminal.Gui.Drawing.Attribute;

namespace LabRunner.Tui;

/// <summary>The top line: the lab's title, the server, and the progress bar in the passed colour.</summary>
public sealed class HeaderBar(Palette palette) : View
{
    protected override bool OnDrawingContent(DrawContext? context)
    {
        var normal = palette.Header;
        var done = palette.UsesColour ? new Attribute(ColorName16.Green, normal.Background) : normal;
        var text = Text.Length > Viewport.Width ? Text[..Viewport.Width] : Text.PadRight(Viewport.Width);
        Move(0, 0);
        foreach (var c in text)
        {
            SetAttribute(c == ScreenText.BarDone ? done : normal);
            AddRune(new System.Text.Rune(c));
        }
        return true;
    }
}
