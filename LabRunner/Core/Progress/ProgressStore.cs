using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabRunner.Progress;

/// <summary>
/// Saves each lab's progress as one JSON file in the user's data directory. Writes go to a temporary file that is then
/// renamed over the old one, so a crash or a full disk never leaves a half-written file behind.
/// </summary>
public sealed class ProgressStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Directory { get; } = directory;

    /// <summary>$XDG_DATA_HOME/labrunner/progress, else ~/.local/share/labrunner/progress.</summary>
    public static string DefaultDirectory()
    {
        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome) || !Path.IsPathRooted(dataHome))
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(dataHome, "labrunner", "progress");
    }

    public static ProgressStore Default() => new(DefaultDirectory());

    public string PathFor(string labId) => Path.Combine(Directory, SafeFileName(labId) + ".json");

    /// <summary>The saved progress, or null when there is none or it cannot be read (a damaged file is set aside, not fatal).</summary>
    public LabProgress? Load(string labId)
    {
        var path = PathFor(labId);
        if (!File.Exists(path)) return null;
        try
        {
            var progress = JsonSerializer.Deserialize<LabProgress>(File.ReadAllText(path), Json);
            return progress is { Format: LabProgress.CurrentFormat or LabProgress.SentenceFormat } && progress.LabId == labId ? progress : null;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException)
        {
            TryMoveAside(path);
            return null;
        }
    }

    // Synchronous on purpose: the file is a few kilobytes and saving must finish before the process may exit.
    public void Save(LabProgress progress)
    {
        var current = progress with { Format = LabProgress.CurrentFormat, SavedAt = DateTimeOffset.UtcNow };
        AtomicFile.Write(PathFor(progress.LabId), stream => JsonSerializer.Serialize(stream, current, Json));
    }

    public void Delete(string labId) => File.Delete(PathFor(labId));

    private static void TryMoveAside(string path)
    {
        try { File.Move(path, path + ".damaged", overwrite: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static string SafeFileName(string labId)
    {
        var sb = new StringBuilder(labId.Length);
        foreach (var c in labId) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.Length == 0 ? "_" : sb.ToString();
    }
}
