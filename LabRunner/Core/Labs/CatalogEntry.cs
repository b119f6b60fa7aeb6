namespace LabRunner.Labs;

/// <summary>One line of labs.yaml: a lab's id and where its file is (Path as written, FullPath resolved against labs.yaml).</summary>
public sealed record CatalogEntry(string Id, string Path, string FullPath)
{
    public SourceLocation Location { get; init; } = SourceLocation.None;
    public SourceLocation PathLocation { get; init; } = SourceLocation.None;
}
