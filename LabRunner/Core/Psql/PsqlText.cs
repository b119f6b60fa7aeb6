using System.Text;

namespace LabRunner.Psql;

/// <summary>
/// A step's psql text being written, result after result (<see cref="PsqlFormatter"/>), keeping where every table's cells
/// landed: the TUI highlights a cell from <see cref="Tables"/> instead of reading the text back.
/// </summary>
public sealed class PsqlText
{
    private readonly StringBuilder _text = new();
    private readonly List<RenderedTable> _tables = [];
    private readonly List<int> _lineStarts = [0];
    private int _results;

    public string Text => _text.ToString();
    public IReadOnlyList<RenderedTable> Tables => _tables;

    /// <summary>Appends one result as psql prints it (<paramref name="expanded"/>: \x records).</summary>
    public void Append(StatementResult result, bool expanded = false)
    {
        var start = _text.Length;
        var cells = PsqlFormatter.Append(_text, result, expanded);
        for (var k = start; k < _text.Length; k++)
            if (_text[k] == '\n') _lineStarts.Add(k + 1);
        if (cells is not null)
            _tables.Add(new RenderedTable(_results, new TableLayout(cells.Headers.Select(Place).ToList(),
                cells.Rows.Select(r => (IReadOnlyList<CellSpan>)r.Select(Place).ToList()).ToList())));
        _results++;
    }

    /// <summary>An offset in the text as a line and a position in it.</summary>
    private CellSpan Place((int Offset, int Length) cell)
    {
        var line = _lineStarts.BinarySearch(cell.Offset);
        if (line < 0) line = ~line - 1;
        return new CellSpan(line, cell.Offset - _lineStarts[line], cell.Length);
    }
}
