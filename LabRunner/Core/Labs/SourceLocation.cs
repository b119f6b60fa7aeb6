namespace LabRunner.Labs;

/// <summary>Where something was written, so that every message can point an author at file:line:column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    public static readonly SourceLocation None = new("", 0, 0);

    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
