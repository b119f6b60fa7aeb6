using System.Text.Json.Nodes;
using LabRunner.Labs;
using NJsonSchema;

namespace LabRunner.Tests.Labs;

/// <summary>The JSON schemas editors use must say exactly what the loader accepts.</summary>
public class SchemaTests
{
    /// <summary>Where each kind of mapping the loader knows is described in the schemas.</summary>
    private static readonly Dictionary<string, (string Schema, string Pointer)> Places = new()
    {
        [LabKeys.Lab] = ("lab", ""),
        [LabKeys.Image] = ("lab", "definitions/image"),
        [LabKeys.Server] = ("lab", "definitions/server"),
        [LabKeys.Task] = ("lab", "definitions/task"),
        [LabKeys.Step] = ("lab", "definitions/step"),
        [LabKeys.Variant] = ("lab", "definitions/variant"),
        [LabKeys.LabServer] = ("lab", "definitions/labServer"),
        [LabKeys.Edit] = ("lab", "definitions/edit"),
        [LabKeys.ServerStep] = ("lab", "definitions/serverStep"),
        [LabKeys.Login] = ("lab", "definitions/login"),
        [LabKeys.Expect] = ("lab", "definitions/expect"),
        [LabKeys.Eventually] = ("lab", "definitions/eventually"),
        [LabKeys.Watch] = ("lab", "definitions/watch"),
        [LabKeys.Matcher] = ("lab", "definitions/matcherObject"),
        [LabKeys.Catalog] = ("catalog", ""),
        [LabKeys.CatalogEntry] = ("catalog", "definitions/entry"),
    };

    private static JsonNode Schema(string name) =>
        JsonNode.Parse(File.ReadAllText(name == "lab" ? LabFiles.LabSchema : LabFiles.CatalogSchema))!;

    private static JsonObject At(string schema, string pointer) =>
        pointer.Split('/', StringSplitOptions.RemoveEmptyEntries).Aggregate(Schema(schema), (n, part) => n[part]!).AsObject();

    [Fact]
    public void Every_kind_the_loader_knows_has_a_place_in_the_schemas()
    {
        Assert.Equal(LabKeys.ByKind.Keys.Order(), Places.Keys.Order());
    }

    [Theory]
    [InlineData("lab"), InlineData("image"), InlineData("server"), InlineData("task"), InlineData("step"), InlineData("variant"),
     InlineData("expect"), InlineData("eventually"), InlineData("watch"), InlineData("matcher"), InlineData("catalog"), InlineData("catalog_entry")]
    public void Schema_lists_exactly_the_keys_the_loader_accepts(string kind)
    {
        var (schema, pointer) = Places[kind];
        var node = At(schema, pointer);

        var keys = node["properties"]!.AsObject().Select(p => p.Key).Order();

        Assert.Equal(LabKeys.ByKind[kind].Order(), keys);
        Assert.False(node["additionalProperties"]!.GetValue<bool>(), $"{kind}: unknown keys must be refused like the loader does");
    }

    [Fact]
    public void Every_object_in_the_schemas_is_a_kind_the_loader_knows()
    {
        foreach (var schema in new[] { "lab", "catalog" })
        {
            var described = new List<string> { "" };
            described.AddRange(Schema(schema)["definitions"]!.AsObject()
                .Where(d => d.Value!["properties"] is not null).Select(d => "definitions/" + d.Key));
            var mapped = Places.Values.Where(p => p.Schema == schema).Select(p => p.Pointer);
            Assert.Equal(described.Order(), mapped.Order());
        }
    }

    [Fact]
    public void Schema_lists_exactly_the_matcher_names_the_loader_accepts()
    {
        var names = Schema("lab")["definitions"]!["matcher"]!["oneOf"]![0]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());
        Assert.Equal(LabKeys.MatcherNames, names);
    }

    [Fact]
    public void Schema_knows_the_built_in_variables()
    {
        var names = Schema("lab")["properties"]!["variables"]!["properties"]!.AsObject().Select(p => p.Key);
        Assert.Equal(LabVariables.BuiltIn, names);
    }

    [Fact]
    public async Task Seed_lab_and_catalog_satisfy_their_schemas()
    {
        var lab = await JsonSchema.FromFileAsync(LabFiles.LabSchema);
        var catalog = await JsonSchema.FromFileAsync(LabFiles.CatalogSchema);

        Assert.Empty(lab.Validate(YamlJson.Convert(File.ReadAllText(LabFiles.Seed))));
        Assert.Empty(catalog.Validate(YamlJson.Convert(File.ReadAllText(LabFiles.Catalog))));
    }

    [Theory]
    [InlineData("sesion: main", "NoAdditionalPropertiesAllowed")]
    [InlineData("shell: echo 1", "NotOneOf")]
    [InlineData("timeout: 30 sec", "PatternMismatch")]
    public async Task Schema_refuses_what_the_loader_refuses(string extraLine, string kind)
    {
        var schema = await JsonSchema.FromFileAsync(LabFiles.LabSchema);
        var yaml = $"id: x\ntitle: X\ntasks:\n  - id: t\n    title: T\n    steps:\n      - id: s\n        title: S\n        sql: SELECT 1;\n        {extraLine}\n";
        Assert.True(LabLoader.LoadText(yaml, "x.yaml").HasErrors);

        var errors = schema.Validate(YamlJson.Convert(yaml));

        Assert.Contains(Flatten(errors), e => e.Kind.ToString() == kind);
    }

    private static IEnumerable<NJsonSchema.Validation.ValidationError> Flatten(IEnumerable<NJsonSchema.Validation.ValidationError> errors) =>
        errors.SelectMany(e => new[] { e }.Concat(e is NJsonSchema.Validation.ChildSchemaValidationError c ? c.Errors.Values.SelectMany(Flatten) : []));
}
