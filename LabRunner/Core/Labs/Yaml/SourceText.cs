namespace LabRunner.Labs.Yaml;

/// <summary>A file's text with its line starts, to turn character offsets into line:column.</summary>
internal sealed class SourceText
{
    private readonly List<int> _lineStarts = [0];

    public SourceText(string file, string text)
    {
        File = file;
        Text = text;
        for (var i = 0; i < text.Length; i++)
            if (text[i] == '\n') _lineStarts.Add(i + 1);
    }

    public string File { get; }
    public string Text { get; }
    public int LineCount => _lineStarts.Count;

    public SourceLocation At(int index)
    {
        index = Math.Clamp(index, 0, Text.Length);
        var line = _lineStarts.BinarySearch(index);
        if (line < 0) line = ~line - 1;
        return new SourceLocation(File, line + 1, index - _lineStarts[line] + 1);
    }

    public SourceLocation At(int line, int column) => new(File, line, column);

    /// <summary>The text of a 1-based line, without its line break.</summary>
    public string Line(int line)
    {
        if (line < 1 || line > _lineStarts.Count) return "";
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Count ? _lineStarts[line] : Text.Length;
        return Text[start..end].TrimEnd('\n', '\r');
    }
}
