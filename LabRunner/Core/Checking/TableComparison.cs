using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Checking;

/// <summary>The outcome of holding one actual result set against one expected table, cell by cell.</summary>
internal sealed record TableComparison(bool Matches, VerdictReason Reason, CellDifference? FirstDifference, IReadOnlyList<VerdictNote> Notes)
{
    /// <summary>Expected rows paired with actual rows (index into actual rows, or -1), for rendering a readable diff.</summary>
    public IReadOnlyList<int> Pairing { get; init; } = [];
}

/// <summary>Compares an expected table with a result set: columns by name, rows in order or as a multiset, cells by matcher.</summary>
internal sealed class TableComparer
{
    private readonly ExpectedTable _expected;
    private readonly ResultSet _actual;
    private readonly Expectation _expectation;
    private readonly bool _ordered;
    private readonly List<VerdictNote> _notes = [];
    private int[] _map = [];           // expected column → actual column
    private Matcher[][] _matchers = []; // [expected row][expected column]

    public TableComparer(ExpectedTable expected, ResultSet actual, Expectation expectation, bool ordered)
    {
        _expected = expected;
        _actual = actual;
        _expectation = expectation;
        _ordered = ordered;
    }

    public TableComparison Compare()
    {
        if (_expected.Columns.Count == 0)
            return _actual.RowCount == 0
                ? Result(true, new NoRowsAsExpected())
                : Result(false, new ExpectedNoRows(_actual.RowCount));
        if (MapColumns() is { } columnProblem) return Result(false, columnProblem);
        BuildMatchers();
        if (_expected.ElidedAt is { } cut) return CompareElided(cut);
        return _ordered ? CompareOrdered() : CompareUnordered();
    }

    /// <summary>
    /// A panel the author shortened ("..." between the first and the last rows): the rows shown before the cut are the
    /// result's first rows, those after it its last, and the footer, when pasted, counts them all.
    /// </summary>
    private TableComparison CompareElided(int cut)
    {
        var shown = _expected.Rows.Count;
        var total = _expected.FooterCount ?? _actual.RowCount;
        // The last rows are only known when the result was kept whole (a bounded result keeps its first rows).
        var whole = _actual.Rows.Count == _actual.RowCount;
        var pairing = Enumerable.Range(0, shown).Select(r => r < cut ? r : whole ? _actual.Rows.Count - (shown - r) : -1).ToList();
        if (_actual.RowCount != total || _actual.RowCount < shown)
            return new TableComparison(false, new RowCountDiffers(total, _actual.RowCount, null, null), null, _notes) { Pairing = pairing };
        for (var r = 0; r < shown; r++)
        {
            if (pairing[r] < 0 || pairing[r] >= _actual.Rows.Count) continue;
            var c = FirstMismatch(r, pairing[r]);
            if (c >= 0) return Difference(r, pairing[r], c, pairing, counts: null);
        }
        return Result(true, new RowsMatch(_actual.RowCount)) with { Pairing = pairing };
    }

    private VerdictReason? MapColumns()
    {
        var actualNames = _actual.Columns.Select(c => c.Name).ToList();
        if (!_expectation.SubsetOfColumns && !actualNames.SequenceEqual(_expected.Columns))
            return new ColumnsDiffer(_expected.Columns, actualNames);
        _map = new int[_expected.Columns.Count];
        for (var c = 0; c < _expected.Columns.Count; c++)
        {
            var name = _expected.Columns[c];
            var k = actualNames.IndexOf(name);
            if (k < 0) k = actualNames.FindIndex(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (k < 0) return new ColumnMissing(name, actualNames);
            _map[c] = k;
        }
        return null;
    }

    private void BuildMatchers()
    {
        var noted = new HashSet<string>();
        _matchers = new Matcher[_expected.Rows.Count][];
        for (var r = 0; r < _expected.Rows.Count; r++)
        {
            _matchers[r] = new Matcher[_expected.Columns.Count];
            for (var c = 0; c < _expected.Columns.Count; c++)
            {
                var name = _expected.Columns[c];
                var cell = c < _expected.Rows[r].Count ? _expected.Rows[r][c] : null;
                if (_expectation.Matchers.TryGetValue(name, out var pinned))
                {
                    // In a pasted panel a shape matcher stands for the cells that have the shape: an empty cell (NULL),
                    // xmax 0 or {} is still compared exactly.
                    _matchers[r][c] = pinned is Matcher.Shape shaped && _expected.FromPanel && !ValueShapes.Fits(shaped.Kind, (cell ?? "").Trim())
                        ? new Matcher.Exact() : pinned;
                    continue;
                }
                if (_expected.FromPanel && cell is not null && ValueShapes.Volatile(name, cell) is { } shape)
                {
                    _matchers[r][c] = new Matcher.Shape(shape);
                    if (noted.Add(name))
                        _notes.Add(new VolatileCell(name, cell, shape));
                }
                else _matchers[r][c] = new Matcher.Exact();
            }
        }
        foreach (var (name, matcher) in _expectation.Matchers)
            if (matcher is not Matcher.Exact && _expected.Columns.Contains(name))
                _notes.Add(new ColumnMatcher(name, matcher));
    }

    private string? Expected(int r, int c) => c < _expected.Rows[r].Count ? _expected.Rows[r][c] : null;
    /// <summary>An actual cell; against a pasted panel, NULL is what psql showed for it (\pset null).</summary>
    private string? Actual(int a, int c) =>
        _actual.Rows[a][_map[c]] ?? (_expected.FromPanel && _actual.NullDisplay.Length > 0 ? _actual.NullDisplay : null);

    private int FirstMismatch(int r, int a)
    {
        for (var c = 0; c < _expected.Columns.Count; c++)
            if (!CellMatch.Matches(_matchers[r][c], Expected(r, c), Actual(a, c), _expected.FromPanel)) return c;
        return -1;
    }

    private TableComparison CompareOrdered()
    {
        var pairing = new List<int>();
        var common = Math.Min(_expected.Rows.Count, _actual.Rows.Count);
        for (var r = 0; r < common; r++)
        {
            pairing.Add(r);
            var c = FirstMismatch(r, r);
            if (c >= 0) return Difference(r, r, c, pairing, counts: null);
        }
        for (var r = common; r < _expected.Rows.Count; r++) pairing.Add(-1);
        if (_expected.Rows.Count != _actual.RowCount)
            return CountDifference(pairing);
        return Result(true, new RowsMatch(_actual.RowCount)) with { Pairing = pairing };
    }

    private TableComparison CompareUnordered()
    {
        var used = new bool[_actual.Rows.Count];
        var pairing = Enumerable.Repeat(-1, _expected.Rows.Count).ToList();
        for (var r = 0; r < _expected.Rows.Count; r++)
            for (var a = 0; a < _actual.Rows.Count; a++)
                if (!used[a] && FirstMismatch(r, a) < 0) { used[a] = true; pairing[r] = a; break; }
        var missing = pairing.IndexOf(-1);
        if (missing >= 0)
        {
            // Explain with the closest row still free: the one that agrees on most cells.
            var best = -1;
            var bestScore = -1;
            for (var a = 0; a < _actual.Rows.Count; a++)
            {
                if (used[a]) continue;
                var score = Enumerable.Range(0, _expected.Columns.Count)
                    .Count(c => CellMatch.Matches(_matchers[missing][c], Expected(missing, c), Actual(a, c), _expected.FromPanel));
                if (score > bestScore) { best = a; bestScore = score; }
            }
            if (best >= 0)
            {
                pairing[missing] = best;
                var counts = _expected.Rows.Count != _actual.RowCount ? new RowCounts(_expected.Rows.Count, _actual.RowCount) : null;
                return Difference(missing, best, FirstMismatch(missing, best), pairing, counts);
            }
            return CountDifference(pairing);
        }
        if (_expected.Rows.Count != _actual.RowCount) return CountDifference(pairing);
        _notes.Add(new AnyOrder());
        return Result(true, new RowsMatch(_actual.RowCount)) with { Pairing = pairing };
    }

    private TableComparison Difference(int r, int a, int c, List<int> pairing, RowCounts? counts)
    {
        var name = _expected.Columns[c];
        var expected = Expected(r, c);
        var actual = Actual(a, c);
        var reason = new CellDiffers(a + 1, _ordered || r == a ? null : r + 1, name, _matchers[r][c], expected, _expected.FromPanel, actual)
        {
            Counts = counts,
        };
        var cell = new CellDifference(a + 1, _map[c] + 1, name, expected, actual) { ExpectedRow = r, ExpectedColumn = c };
        return new TableComparison(false, reason, cell, _notes) { Pairing = pairing };
    }

    private TableComparison CountDifference(List<int> pairing)
    {
        var extra = Enumerable.Range(0, _actual.Rows.Count).FirstOrDefault(a => !pairing.Contains(a), -1);
        var missing = pairing.IndexOf(-1);
        var reason = new RowCountDiffers(_expected.Rows.Count, _actual.RowCount,
            missing >= 0 ? new ShownRow(missing + 1, _expected.Rows[missing]) : null,
            missing < 0 && extra >= 0 ? new ShownRow(extra + 1, _map.Select(k => _actual.Rows[extra][k]).ToList()) : null);
        return new TableComparison(false, reason, null, _notes) { Pairing = pairing };
    }

    private TableComparison Result(bool ok, VerdictReason reason) => new(ok, reason, null, _notes);
}
