namespace LabRunner.Authoring.Markdown;

/// <summary>Something the Markdown import could not map exactly, at a line of the Markdown file (1-based; 0 = the whole file).</summary>
public sealed record ImportWarning(int Line, string Message, bool IsInfo = false)
{
    /// <summary>`lab.md:23: warning: ...`, the shape editors and CI logs link.</summary>
    public string Format(string file) =>
        $"{file}{(Line > 0 ? $":{Line}" : "")}: {(IsInfo ? "info" : "warning")}: {Message}";
}
