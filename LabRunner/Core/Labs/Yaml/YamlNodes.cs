using YamlDotNet.Core;

namespace LabRunner.Labs.Yaml;

/// <summary>
/// A YAML node with where it was written. Our own small tree (built from YamlDotNet's parser events) rather than
/// YamlStream, so that duplicate keys become diagnostics instead of exceptions and every node keeps its source span.
/// </summary>
internal abstract class YNode
{
    public required SourceLocation Location { get; init; }
    /// <summary>Character offsets of the node in the source text (for pointing inside a scalar).</summary>
    public int StartIndex { get; init; }
    public int EndIndex { get; set; }
    public abstract string KindName { get; }
}

internal sealed class YScalar : YNode
{
    public required string Value { get; init; }
    public ScalarStyle Style { get; init; }
    public override string KindName => "text";

    /// <summary>YAML's null: ~, null, or nothing at all, unquoted.</summary>
    public bool IsNull => (Style is ScalarStyle.Plain or ScalarStyle.Any) && (Value is "" or "~" or "null" or "Null" or "NULL");
}

internal sealed class YMapping : YNode
{
    public List<KeyValuePair<YScalar, YNode>> Entries { get; } = [];
    public override string KindName => "a mapping (key: value lines)";
}

internal sealed class YSequence : YNode
{
    public List<YNode> Items { get; } = [];
    public override string KindName => "a list";
}
