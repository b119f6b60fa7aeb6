using System.Text;
using Wcwidth;

namespace LabRunner.Checking;

/// <summary>Terminal columns a text takes, as psql counts them (wide characters take 2).</summary>
internal static class DisplayWidth
{
    public static int Of(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes()) width += Of(rune);
        return width;
    }

    public static int Of(Rune rune) => Math.Max(0, UnicodeCalculator.GetWidth(rune));
}
