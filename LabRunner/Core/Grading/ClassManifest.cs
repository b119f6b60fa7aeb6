using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabRunner.Grading;

/// <summary>
/// What `class provision` made on a server, kept beside the connection strings (manifest.json): `class drop` removes
/// these and nothing else (and each only while it still carries the class's COMMENT marker).
/// </summary>
public sealed record ClassManifest
{
    [JsonPropertyName("lab")] public required string Lab { get; init; }
    /// <summary>host:port of the server, to refuse dropping on another one.</summary>
    [JsonPropertyName("server")] public required string Server { get; init; }
    [JsonPropertyName("roles")] public List<string> Roles { get; init; } = [];
    [JsonPropertyName("databases")] public List<string> Databases { get; init; } = [];

    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static string PathIn(string folder) => Path.Combine(folder, "manifest.json");

    public static ClassManifest? Load(string folder)
    {
        var path = PathIn(folder);
        if (!File.Exists(path)) return null;
        try { return JsonSerializer.Deserialize<ClassManifest>(File.ReadAllText(path), Options); }
        catch (JsonException e) { throw new UserErrorException($"{path}: not a class manifest ({e.Message})"); }
    }

    public void Save(string folder) => PrivateFile.Write(PathIn(folder), JsonSerializer.Serialize(this, Options) + "\n");
}
