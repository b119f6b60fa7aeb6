namespace LabRunner.Psql;

/// <summary>Where a cell is in a text: its line (0-based), its first character in that line and its length in characters.</summary>
public readonly record struct CellSpan(int Line, int Start, int Length);

/// <summary>
/// Where a table's cells are in the text it was rendered to (or pasted as): the header cells, and each row's cells (the
/// first line of a multi-line cell). Made by whoever wrote or read the text, so nobody parses rendered text back.
/// </summary>
public sealed class TableLayout(IReadOnlyList<CellSpan> headers, IReadOnlyList<IReadOnlyList<CellSpan>> rows)
{
    public IReadOnlyList<CellSpan> Headers { get; } = headers;
    public IReadOnlyList<IReadOnlyList<CellSpan>> Rows { get; } = rows;

    /// <summary>The cell at a 0-based row and column, or null when there is none.</summary>
    public CellSpan? Cell(int row, int column) =>
        row >= 0 && row < Rows.Count && column >= 0 && column < Rows[row].Count ? Rows[row][column] : null;

    /// <summary>The same layout with every line moved by <paramref name="lines"/> (the text shown from another line on).</summary>
    public TableLayout Shifted(int lines) =>
        lines == 0 ? this : new(Headers.Select(s => s with { Line = s.Line + lines }).ToList(),
            Rows.Select(r => (IReadOnlyList<CellSpan>)r.Select(s => s with { Line = s.Line + lines }).ToList()).ToList());
}

/// <summary>A result set rendered into a step's text: which result it is (index into the step's results) and where its cells are.</summary>
public sealed record RenderedTable(int Result, TableLayout Layout);
