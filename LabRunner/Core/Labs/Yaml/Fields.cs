using System.Globalization;

namespace LabRunner.Labs.Yaml;

/// <summary>
/// The keys of one mapping, read with the checks every mapping needs: unknown keys (with a did-you-mean), missing
/// required keys, and values of the wrong shape. Each problem goes to the bag; getters return null after reporting.
/// </summary>
internal sealed class Fields
{
    private readonly Dictionary<string, KeyValuePair<YScalar, YNode>> _entries = new(StringComparer.Ordinal);
    private readonly DiagnosticBag _d;

    public Fields(YMapping node, string kind, string what, DiagnosticBag diagnostics)
    {
        Node = node;
        What = what;
        _d = diagnostics;
        var known = LabKeys.ByKind[kind];
        foreach (var entry in node.Entries)
        {
            var key = entry.Key.Value;
            if (known.Contains(key)) { _entries[key] = entry; continue; }
            var suggestion = DidYouMean.Suggest(key, known);
            _d.Error(entry.Key, $"unknown key \"{key}\"",
                suggestion is not null ? $"did you mean \"{suggestion}\"?"
                : Elsewhere(kind, key) is { } place ? $"\"{key}\" goes {place}"
                : $"keys allowed in {what}: {string.Join(", ", known)}");
        }
    }

    /// <summary>Where a key that belongs to a neighbouring mapping goes ("panel" written on a step belongs under expect:).</summary>
    private static string? Elsewhere(string kind, string key)
    {
        string[] neighbours = kind switch
        {
            LabKeys.Lab => [LabKeys.Server, LabKeys.Task, LabKeys.Step, LabKeys.Expect],
            LabKeys.Task => [LabKeys.Step, LabKeys.Lab, LabKeys.Expect],
            LabKeys.Step => [LabKeys.Expect, LabKeys.Variant, LabKeys.Task, LabKeys.Server, LabKeys.Lab, LabKeys.Eventually],
            LabKeys.Variant => [LabKeys.Step, LabKeys.Expect],
            LabKeys.Expect => [LabKeys.Eventually, LabKeys.Step, LabKeys.Matcher],
            LabKeys.Server => [LabKeys.Lab, LabKeys.Step],
            LabKeys.Image => [LabKeys.Lab],
            LabKeys.Eventually => [LabKeys.Expect],
            _ => [],
        };
        var home = neighbours.FirstOrDefault(k => LabKeys.ByKind[k].Contains(key));
        return home switch
        {
            null => null,
            LabKeys.Lab => "at the top level of the lab (not indented)",
            LabKeys.Server => "under \"server:\"",
            LabKeys.Task => "in a task (under \"tasks:\")",
            LabKeys.Step => "in a step (under \"steps:\")",
            LabKeys.Variant => "in a variant (under \"variants:\")",
            LabKeys.Expect => "under \"expect:\"",
            LabKeys.Eventually => "under \"eventually:\" in expect",
            _ => "in a matcher: { tolerance: 1% } or { regex: \"...\" }",
        };
    }

    public YMapping Node { get; }
    public string What { get; }

    public bool Has(string key) => _entries.ContainsKey(key);
    public YScalar? KeyOf(string key) => _entries.TryGetValue(key, out var e) ? e.Key : null;

    /// <summary>The value node; a null YAML value counts as missing.</summary>
    public YNode? Get(string key, bool required = false)
    {
        if (_entries.TryGetValue(key, out var e))
        {
            if (e.Value is not YScalar { IsNull: true }) return e.Value;
            if (required) _d.Error(e.Key, $"\"{key}\" is empty", $"write a value after \"{key}:\"");
            return null;
        }
        if (required) _d.Error(Node, $"missing required key \"{key}\" in {What}", $"add \"{key}: ...\"");
        return null;
    }

    public YScalar? Scalar(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null or YScalar) return (YScalar?)node;
        _d.Error(node, $"\"{key}\" should be text, not {node.KindName}", $"write \"{key}: value\" (use \"|\" for several lines)");
        return null;
    }

    public string? Text(string key, bool required = false) => Scalar(key, required)?.Value;

    public YSequence? List(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null or YSequence) return (YSequence?)node;
        _d.Error(node, $"\"{key}\" should be a list, not {node.KindName}", "write one item per line, each starting with \"- \"");
        return null;
    }

    public YMapping? Map(string key, bool required = false)
    {
        var node = Get(key, required);
        if (node is null or YMapping) return (YMapping?)node;
        _d.Error(node, $"\"{key}\" should be a mapping, not {node.KindName}", "write \"name: value\" lines indented under it");
        return null;
    }

    public bool? Bool(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        switch (s.Value.ToLowerInvariant())
        {
            case "true": return true;
            case "false": return false;
        }
        _d.Error(s, $"\"{key}\" should be true or false, not \"{s.Value}\"", $"write \"{key}: true\" or \"{key}: false\"");
        return null;
    }

    public double? Number(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= 0) return n;
        _d.Error(s, $"\"{key}\" should be a number of at least 0, not \"{s.Value}\"", $"write e.g. \"{key}: 1\"");
        return null;
    }

    public int? Integer(string key)
    {
        var s = Scalar(key);
        if (s is null) return null;
        if (int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        _d.Error(s, $"\"{key}\" should be a whole number, not \"{s.Value}\"", $"write e.g. \"{key}: 0\"");
        return null;
    }

    public TimeSpan? Duration(string key, bool required = false)
    {
        var s = Scalar(key, required);
        if (s is null) return null;
        if (LabDurations.TryParse(s.Value, out var t) && t > TimeSpan.Zero) return t;
        _d.Error(s, $"bad duration \"{s.Value}\"", LabDurations.Help);
        return null;
    }
}
