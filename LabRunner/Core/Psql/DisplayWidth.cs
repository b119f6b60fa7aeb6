using System.Text;
using Wcwidth;

namespace LabRunner.Psql;

/// <summary>
/// psql's notion of how a value looks on screen (fe_utils/mbprint.c, pg_wcsformat): lines split at \n, tabs expanded
/// to the next multiple of 8, \r shown as "\r", other control characters as \xNN / \uNNNN, wide characters 2 columns.
/// </summary>
internal static class DisplayWidth
{
    /// <summary>One display line of a value and its width in screen columns.</summary>
    internal readonly record struct Line(string Text, int Width);

    /// <summary>Width of one character as PostgreSQL's ucs_wcwidth sees it: -1 control, 0 combining, 2 wide, else 1.</summary>
    public static int OfRune(Rune r)
    {
        var cp = r.Value;
        if (cp == 0) return 0;
        if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) return -1;
        var w = UnicodeCalculator.GetWidth(r);
        return w < 0 ? 1 : w;
    }

    /// <summary>The value as psql lays it out: one entry per line.</summary>
    public static List<Line> Format(string value)
    {
        var lines = new List<Line>(1);
        var sb = new StringBuilder(value.Length);
        var width = 0;
        foreach (var r in value.EnumerateRunes())
        {
            var cp = r.Value;
            if (cp == '\n')
            {
                lines.Add(new Line(sb.ToString(), width));
                sb.Clear();
                width = 0;
            }
            else if (cp == '\r') { sb.Append("\\r"); width += 2; }
            else if (cp == '\t')
            {
                do { sb.Append(' '); width++; } while (width % 8 != 0);
            }
            else
            {
                var w = OfRune(r);
                if (w < 0)
                {
                    var shown = cp < 0x80 ? $"\\x{cp:X2}" : $"\\u{cp:X4}";
                    sb.Append(shown);
                    width += shown.Length;
                }
                else
                {
                    sb.Append(r.ToString());
                    width += w;
                }
            }
        }
        lines.Add(new Line(sb.ToString(), width));
        return lines;
    }

    /// <summary>The widest line of a value, without building its lines (the fast path for plain ASCII).</summary>
    public static int MaxWidth(string value)
    {
        var simple = true;
        foreach (var c in value)
        {
            if (c < 0x20 || c >= 0x7f) { simple = false; break; }
        }
        if (simple) return value.Length;
        var max = 0;
        foreach (var l in Format(value)) max = Math.Max(max, l.Width);
        return max;
    }

    /// <summary>Screen width of plain text (no newlines expected), control characters counted as 1 like libpq's cursor code.</summary>
    public static int OfText(string text)
    {
        var w = 0;
        foreach (var r in text.EnumerateRunes())
        {
            var d = OfRune(r);
            w += d <= 0 ? 1 : d;
        }
        return w;
    }
}
