using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace LabRunner.Tests.Labs;

/// <summary>YAML to JSON as an editor's yaml-language-server sees it (YAML 1.2 core types), to validate files against the schemas.</summary>
internal static partial class YamlJson
{
    public static string Convert(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (ToJson(stream.Documents[0].RootNode) ?? JsonValue.Create((string?)null))!.ToJsonString();
    }

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, ToJson(kv.Value)))),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select(ToJson).ToArray()),
        YamlScalarNode s when s.Style is not ScalarStyle.Plain => JsonValue.Create(s.Value),
        YamlScalarNode s => Plain(s.Value ?? ""),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Plain(string v)
    {
        if (v is "" or "~" or "null" or "Null" or "NULL") return null;
        if (v is "true" or "True" or "TRUE") return JsonValue.Create(true);
        if (v is "false" or "False" or "FALSE") return JsonValue.Create(false);
        if (Int().IsMatch(v) && long.TryParse(v, CultureInfo.InvariantCulture, out var i)) return JsonValue.Create(i);
        if (Float().IsMatch(v) && double.TryParse(v, CultureInfo.InvariantCulture, out var f)) return JsonValue.Create(f);
        return JsonValue.Create(v);
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex Int();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
