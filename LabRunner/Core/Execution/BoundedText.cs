using System.Text;

namespace LabRunner.Execution;

/// <summary>
/// A shell step's output as it streams in, bounded: the first and last lines (<see cref="BoundedLines{T}"/>), lines cut
/// at <see cref="MaxLineLength"/> characters (marked " [… N characters left out]", and listed as data in
/// <see cref="CutLines"/> for a face to word), and a "… N lines left out …" marker where lines were dropped.
/// </summary>
internal sealed class BoundedText(int maxLines)
{
    public const int MaxLineLength = 16 * 1024;

    private readonly BoundedLines<(string Text, long Cut)> _lines = new(maxLines);
    private readonly StringBuilder _current = new();
    private long _cut;

    public void Append(ReadOnlySpan<char> chunk)
    {
        while (!chunk.IsEmpty)
        {
            var newline = chunk.IndexOf('\n');
            var piece = newline < 0 ? chunk : chunk[..newline];
            var room = Math.Max(0, MaxLineLength - _current.Length);
            _current.Append(piece[..Math.Min(room, piece.Length)]);
            _cut += Math.Max(0, piece.Length - room);
            if (newline < 0) return;
            var cut = _cut;
            _lines.Add((CurrentLine() + "\n", cut));
            chunk = chunk[(newline + 1)..];
        }
    }

    private string CurrentLine()
    {
        var line = _current.ToString() + (_cut > 0 ? new Psql.CharactersLeftOut(_cut).Text : "");
        _current.Clear();
        _cut = 0;
        return line;
    }

    /// <summary>How many lines were dropped between the first and the last (0: none).</summary>
    public long LinesLeftOut => _lines.LinesLeftOut;

    /// <summary>The cuts of the kept lines (the one being written included), each amount once.</summary>
    public IReadOnlyList<Psql.CharactersLeftOut> CutLines =>
        _lines.Head.Concat(_lines.Tail).Select(l => l.Cut).Append(_cut).Where(c => c > 0).Distinct().Select(c => new Psql.CharactersLeftOut(c)).ToList();

    /// <summary>The kept text; a last line without its newline stays without it.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var line in _lines.Head) sb.Append(line.Text);
        if (_lines.LinesLeftOut > 0) sb.Append(new Psql.LinesLeftOut(_lines.LinesLeftOut).Text);
        foreach (var line in _lines.Tail) sb.Append(line.Text);
        if (_current.Length > 0 || _cut > 0) sb.Append(CurrentLine());
        return sb.ToString();
    }
}
