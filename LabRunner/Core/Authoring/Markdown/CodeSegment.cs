namespace LabRunner.Authoring.Markdown;

internal enum SegmentKind { Sql, Shell }

/// <summary>
/// A run of lines of one code block that runs as one piece: SQL in one session and database, or shell; plus the output the
/// author pasted after it (a transcript), with its Markdown lines.
/// </summary>
internal sealed class CodeSegment(SegmentKind kind, string session, string? database, int line)
{
    public SegmentKind Kind { get; } = kind;
    public string Session { get; } = session;
    public string? Database { get; } = database;
    /// <summary>The server the segment's psql connection reaches, when the lab names one (`psql -p 5433`).</summary>
    public string? Server { get; init; }
    /// <summary>The role the segment's session logged in as over TCP (`psql -h 127.0.0.1 -U alumno`), or null.</summary>
    public Labs.SessionLogin? Login { get; init; }
    /// <summary>Shell: the directory the lab's terminal was in when the segment started (after an earlier `cd`), or null.</summary>
    public string? Directory { get; init; }
    /// <summary>1-based Markdown line of the segment's first command.</summary>
    public int Line { get; } = line;
    public int EndLine { get; set; } = line;
    public List<string> Commands { get; } = [];
    public List<CodeLine> Output { get; } = [];
    /// <summary>Commands echoed after a prompt (a transcript), as written.</summary>
    public bool FromTranscript { get; set; }

    public string Command => Dedent(Commands);
    public string? OutputText => Output.Any(l => l.Text.Trim().Length > 0) ? string.Join("\n", TrimBlankEnds(Output.Select(l => l.Text).ToList())) : null;
    public int? OutputLine => Output.FirstOrDefault(l => l.Text.Trim().Length > 0) is { Line: > 0 } first ? first.Line : null;
    public int? OutputEndLine => Output.LastOrDefault(l => l.Text.Trim().Length > 0) is { Line: > 0 } last ? last.Line : null;

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
