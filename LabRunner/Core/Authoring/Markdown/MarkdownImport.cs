using LabRunner.Labs;
namespace LabRunner.Authoring.Markdown;

/// <summary>A lab read from Markdown and everything the reader had to guess or leave out, by line.</summary>
public sealed record MarkdownImport(Lab Lab, IReadOnlyList<ImportWarning> Warnings);
