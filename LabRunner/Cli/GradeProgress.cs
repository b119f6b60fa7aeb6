using System.Diagnostics;
using LabRunner.Grading;

namespace LabRunner.Cli;

/// <summary>
/// The progress line on stderr while a class is graded: "graded 12/200 · 3 not full marks · 1 unreachable". On a terminal it
/// rewrites itself in place; otherwise (a log) it prints at most one line every few seconds, and always the last one.
/// </summary>
internal sealed class GradeProgress(TextWriter errors, int total, bool terminal)
{
    private readonly Stopwatch _sinceLine = Stopwatch.StartNew();
    private int _done, _short, _unreachable;
    private bool _drawn;

    public void Graded(StudentGrade grade)
    {
        lock (this)
        {
            _done++;
            if (grade.Unreachable is not null) _unreachable++;
            else if (!grade.Passed) _short++;
            var last = _done == total;
            if (!last && _sinceLine.Elapsed < TimeSpan.FromSeconds(terminal ? 0.2 : 5)) return;
            _sinceLine.Restart();
            lock (errors)
            {
                if (terminal) errors.Write("\r" + Line() + (last ? "\n" : ""));
                else errors.WriteLine(Line());
                errors.Flush();
                _drawn = terminal && !last;
            }
        }
    }

    /// <summary>Other lines (a warning, an unreachable student) start on a fresh line when the progress line is drawn.</summary>
    public void BeforeLine()
    {
        lock (this)
        {
            if (_drawn) errors.Write("\r\u001b[K");
        }
    }

    private string Line() => $"graded {_done}/{total} · {_short} not full marks · {_unreachable} unreachable";
}
