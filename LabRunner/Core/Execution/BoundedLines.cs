namespace LabRunner.Execution;

/// <summary>
/// Keeps the first and the last items of a stream nobody bounds (a statement's notices, a shell step's lines) and counts
/// the lines of what it leaves out between them: the head holds nine tenths of the limit, the tail the last tenth.
/// </summary>
internal sealed class BoundedLines<T>(int limit)
{
    private readonly int _headLimit = Math.Max(1, limit - Math.Max(1, limit / 10));
    private readonly int _tailLimit = Math.Max(1, limit / 10);
    private readonly List<T> _head = [];
    private readonly Queue<(T Item, int Lines)> _tail = new();

    /// <summary>Lines held by the items left out (a notice may span several).</summary>
    public long LinesLeftOut { get; private set; }

    public IReadOnlyList<T> Head => _head;
    public IEnumerable<T> Tail => _tail.Select(t => t.Item);

    public void Add(T item, int lines = 1)
    {
        if (_head.Count < _headLimit) { _head.Add(item); return; }
        _tail.Enqueue((item, lines));
        if (_tail.Count > _tailLimit) LinesLeftOut += _tail.Dequeue().Lines;
    }

    public void Clear()
    {
        _head.Clear();
        _tail.Clear();
        LinesLeftOut = 0;
    }
}
