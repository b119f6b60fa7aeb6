using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LabRunner.Labs.Yaml;

/// <summary>
/// Reads one YAML document into <see cref="YNode"/>s with their locations. Syntax errors become diagnostics that point
/// where YamlDotNet stopped (or at the tab that caused it); duplicate keys and extra documents are reported, not thrown.
/// </summary>
internal static partial class YamlTreeReader
{
    /// <summary>Deeper than any lab or catalog needs (they use under 10 levels), far shallower than the stack allows.</summary>
    public const int MaxDepth = 64;

    public static YNode? Read(SourceText source, DiagnosticBag diagnostics)
    {
        var parser = new Parser(new StringReader(source.Text));
        var anchors = new Dictionary<string, YNode>(StringComparer.Ordinal);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, source, anchors, diagnostics, depth: 1);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
                diagnostics.Error(source.At((int)second.Start.Index), "a second YAML document starts here",
                    "a lab file holds one document: remove this `---` line and what follows, or merge it into the first");
            return root;
        }
        catch (TooDeepException e)
        {
            diagnostics.Error(source.At(e.Index), $"the YAML is nested more than {MaxDepth} levels deep here",
                "a lab or catalog needs only a few levels: look for runaway brackets or dashes");
            return null;
        }
        catch (YamlException e)
        {
            ReportSyntaxError(e, source, diagnostics);
            return null;
        }
    }

    private sealed class TooDeepException(int index) : Exception
    {
        public int Index { get; } = index;
    }

    private static YNode ReadNode(IParser parser, SourceText source, Dictionary<string, YNode> anchors, DiagnosticBag diagnostics, int depth)
    {
        var start = parser.Current ?? throw new YamlException("unexpected end of the file");
        if (depth > MaxDepth) throw new TooDeepException((int)start.Start.Index);
        YNode node;
        switch (start)
        {
            case Scalar scalar:
                parser.MoveNext();
                node = new YScalar
                {
                    Value = scalar.Value,
                    Style = scalar.Style,
                    Location = source.At((int)scalar.Start.Index),
                    StartIndex = (int)scalar.Start.Index,
                    EndIndex = (int)scalar.End.Index,
                };
                break;
            case AnchorAlias alias:
                parser.MoveNext();
                if (anchors.TryGetValue(alias.Value.Value, out var target)) return target;
                diagnostics.Error(source.At((int)alias.Start.Index), $"unknown alias \"*{alias.Value.Value}\"", "define the anchor (&name) before using it");
                return new YScalar { Value = "", Location = source.At((int)alias.Start.Index), StartIndex = (int)alias.Start.Index };
            case MappingStart mappingStart:
                parser.MoveNext();
                var mapping = new YMapping { Location = source.At((int)mappingStart.Start.Index), StartIndex = (int)mappingStart.Start.Index };
                var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
                MappingEnd? mapEnd;
                while (!parser.TryConsume<MappingEnd>(out mapEnd))
                {
                    var key = ReadNode(parser, source, anchors, diagnostics, depth + 1);
                    var value = ReadNode(parser, source, anchors, diagnostics, depth + 1);
                    if (key is not YScalar name)
                    {
                        diagnostics.Error(key, "a key must be a plain name, not " + key.KindName, "write `name: value`");
                        continue;
                    }
                    if (seen.TryGetValue(name.Value, out var first))
                    {
                        diagnostics.Error(name, $"duplicate key \"{name.Value}\" (first at line {first.Location.Line})", "remove one of them");
                        continue;
                    }
                    seen[name.Value] = name;
                    mapping.Entries.Add(new(name, value));
                }
                mapping.EndIndex = (int)mapEnd!.Start.Index;
                node = mapping;
                break;
            case SequenceStart sequenceStart:
                parser.MoveNext();
                var sequence = new YSequence { Location = source.At((int)sequenceStart.Start.Index), StartIndex = (int)sequenceStart.Start.Index };
                SequenceEnd? seqEnd;
                while (!parser.TryConsume<SequenceEnd>(out seqEnd))
                    sequence.Items.Add(ReadNode(parser, source, anchors, diagnostics, depth + 1));
                sequence.EndIndex = (int)seqEnd!.Start.Index;
                node = sequence;
                break;
            default:
                throw new YamlException(start.Start, start.End, $"unexpected {start.GetType().Name}");
        }
        if (start is NodeEvent { Anchor.IsEmpty: false } anchored) anchors[anchored.Anchor.Value] = node;
        return node;
    }

    private static void ReportSyntaxError(YamlException e, SourceText source, DiagnosticBag diagnostics)
    {
        var line = (int)Math.Max(1, e.Start.Line);
        // YAML forbids tabs for indentation; YamlDotNet's own message for them is cryptic, so point at each tab instead.
        // Only when the parser stumbled on such a tab: tabs inside a block of text (SQL, say) are legal YAML.
        if (IndentTab(source, line) >= 0 || IndentTab(source, line + 1) >= 0 || e.Message.Contains(" tab ", StringComparison.Ordinal))
        {
            for (var l = 1; l <= source.LineCount; l++)
                if (IndentTab(source, l) is var tab and >= 0)
                    diagnostics.Error(source.At(l, tab + 1), "tab character in indentation", "YAML indents with spaces only: replace the tab with spaces");
            return;
        }
        if (OverIndentedBlock(source, line) is { } block)
        {
            diagnostics.Add(block);
            return;
        }
        var message = MarkPrefix().Replace(e.Message, "").Trim();
        if (message.Length > 0) message = char.ToLowerInvariant(message[0]) + message[1..];
        message = message.TrimEnd('.');
        if (message.Contains("quoted scalar", StringComparison.Ordinal))
        {
            diagnostics.Error(source.At(line, (int)Math.Max(1, e.Start.Column)), "YAML syntax error: this quote is not closed",
                "close it on the same line, or use \"|\" and indented lines for text over several lines");
            return;
        }
        diagnostics.Error(source.At(line, (int)Math.Max(1, e.Start.Column)), $"YAML syntax error: {message}",
            "check the indentation of this line and the lines above it; quote text that contains \": \" or starts with a special character ({ [ * & ! | > ' \" % @ `)");
    }

    /// <summary>
    /// The classic mistake with pasted psql output: "panel: |" followed by " count" (a leading space). YAML takes the
    /// first line's indentation for the whole block, so the next, less indented line breaks the file.
    /// </summary>
    private static Diagnostic? OverIndentedBlock(SourceText source, int errorLine)
    {
        var errorIndent = Indent(source.Line(errorLine));
        for (var l = errorLine - 1; l >= Math.Max(1, errorLine - 200); l--)
        {
            var m = BlockHeader().Match(source.Line(l));
            if (!m.Success) continue;
            var keyIndent = m.Groups["key"].Index;
            var first = l + 1;
            while (first < errorLine && source.Line(first).Trim().Length == 0) first++;
            var firstIndent = Indent(source.Line(first));
            if (first >= errorLine || firstIndent <= errorIndent || errorIndent <= keyIndent) return null;
            var indicator = m.Groups["indicator"];
            var wanted = errorIndent - keyIndent;
            return new Diagnostic(source.At(l, indicator.Index + 1), Severity.Error,
                $"the text block under \"{m.Groups["key"].Value}:\" starts with a more indented line (line {first}), so YAML cannot tell how far the block is indented",
                $"write \"{indicator.Value[0]}{wanted}\" instead of \"{indicator.Value}\": the block is then indented {wanted} spaces more than its key, and its first line keeps its leading spaces");
        }
        return null;
    }

    /// <summary>Where a tab sits in a line's leading whitespace, or -1.</summary>
    private static int IndentTab(SourceText source, int line)
    {
        if (line > source.LineCount) return -1;
        var text = source.Line(line);
        var indent = text.Length - text.TrimStart(' ', '\t').Length;
        var tab = text.IndexOf('\t');
        return tab >= 0 && tab < indent ? tab : -1;
    }

    private static int Indent(string line) => line.Length - line.TrimStart(' ').Length;

    [GeneratedRegex(@"^\s*(?:-\s+)?(?<key>[^\s:#][^:#]*):\s+(?<indicator>[|>][-+]?)\s*(?:#.*)?$")]
    private static partial Regex BlockHeader();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();
}
