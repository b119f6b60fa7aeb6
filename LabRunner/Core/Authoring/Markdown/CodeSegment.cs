namespace LabRunner.Authoring.Markdown;

internal enum SegmentKind { Sql, Shell }

/// <summary>A run of lines of one code block that becomes one step: SQL in one session and database, or shell; plus the output shown after it.</summary>
internal sealed class CodeSegment(SegmentKind kind, string session, string? database, int line)
{
    public SegmentKind Kind { get; } = kind;
    public string Session { get; } = session;
    public string? Database { get; } = database;
    /// <summary>1-based Markdown line of the segment's first command.</summary>
    public int Line { get; } = line;
    public List<string> Commands { get; } = [];
    public List<string> Output { get; } = [];
    /// <summary>Statements echoed after a prompt (a transcript), as written.</summary>
    public bool FromTranscript { get; set; }

    public string Command => Dedent(Commands);
    public string? OutputText => Output.Any(l => l.Trim().Length > 0) ? string.Join("\n", TrimBlankEnds(Output)) : null;

    internal static string Dedent(IReadOnlyList<string> lines)
    {
        var body = TrimBlankEnds(lines).Select(l => l.TrimEnd()).ToList();
        var indent = body.Where(l => l.Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        return string.Join("\n", body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    internal static List<string> TrimBlankEnds(IReadOnlyList<string> lines)
    {
        var list = lines.ToList();
        while (list.Count > 0 && list[0].Trim().Length == 0) list.RemoveAt(0);
        while (list.Count > 0 && list[^1].Trim().Length == 0) list.RemoveAt(list.Count - 1);
        return list;
    }
}
