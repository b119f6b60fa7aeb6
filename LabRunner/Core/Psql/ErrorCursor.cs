using System.Globalization;
using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// The "LINE n: ..." + caret lines under an error, as libpq builds them (reportErrorPosition): the line holding the
/// error, cut to about 60 screen columns around it, tabs shown as spaces.
/// </summary>
internal static class ErrorCursor
{
    private const int DisplaySize = 60;
    private const int MinRightCut = 10;

    /// <param name="position">1-based character position reported by the server.</param>
    public static void Append(StringBuilder msg, string query, int position)
    {
        var loc = position - 1;
        if (loc < 0) return;
        var chars = query.EnumerateRunes().ToArray();
        var scr = new int[chars.Length + 1];
        int scroffset = 0, locLine = 1, ibeg = 0, iend = -1, cno;
        for (cno = 0; cno < chars.Length; cno++)
        {
            var ch = chars[cno].Value;
            scr[cno] = scroffset;
            if (ch == '\t')
            {
                chars[cno] = new Rune(' ');
            }
            else if (ch is '\r' or '\n')
            {
                if (cno < loc)
                {
                    if (ch == '\r' || cno == 0 || chars[cno - 1].Value != '\r') locLine++;
                    ibeg = cno + 1;
                }
                else
                {
                    iend = cno;
                    break;
                }
            }
            var w = DisplayWidth.OfRune(chars[cno]);
            scroffset += w <= 0 ? 1 : w;
        }
        if (iend < 0)
        {
            iend = cno;
            scr[iend] = scroffset;
        }
        if (loc > cno) return;

        bool begTrunc = false, endTrunc = false;
        if (scr[iend] - scr[ibeg] > DisplaySize)
        {
            if (scr[ibeg] + DisplaySize >= scr[loc] + MinRightCut)
            {
                while (scr[iend] - scr[ibeg] > DisplaySize) iend--;
                endTrunc = true;
            }
            else
            {
                while (scr[loc] + MinRightCut < scr[iend]) { iend--; endTrunc = true; }
                while (scr[iend] - scr[ibeg] > DisplaySize) { ibeg++; begTrunc = true; }
            }
        }

        var prefix = string.Create(CultureInfo.InvariantCulture, $"LINE {locLine}: ") + (begTrunc ? "..." : "");
        msg.Append(prefix);
        for (var i = ibeg; i < iend; i++) msg.Append(chars[i].ToString());
        if (endTrunc) msg.Append("...");
        msg.Append('\n');
        msg.Append(' ', DisplayWidth.OfText(prefix) + scr[loc] - scr[ibeg]);
        msg.Append("^\n");
    }
}
