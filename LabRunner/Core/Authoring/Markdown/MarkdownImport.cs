using LabRunner.Labs;
namespace LabRunner.Authoring.Markdown;

/// <summary>A lab read from Markdown, everything the reader had to guess or leave out (by line), and the map of every
/// task, step, code block and expected result to what it became.</summary>
public sealed record MarkdownImport(Lab Lab, IReadOnlyList<ImportWarning> Warnings)
{
    public IReadOnlyList<ImportMapEntry> Map { get; init; } = [];
}
