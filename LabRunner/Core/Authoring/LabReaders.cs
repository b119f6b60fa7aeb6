using LabRunner.Labs;
namespace LabRunner.Authoring;

/// <summary>The lab file readers LabRunner knows, tried in order.</summary>
public static class LabReaders
{
    /// <summary>Markdown importer: add your ILabReader for *.md to this list (one line).</summary>
    public static IReadOnlyList<ILabReader> Default { get; } = [new YamlLabReader(), new Markdown.MarkdownLabReader()];
}
