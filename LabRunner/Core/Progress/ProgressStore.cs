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
    public LabProgress? Load(string labId) => Read(labId).Progress;

    /// <summary>
    /// The saved progress, or why there is none: a file that is not JSON, or JSON of the wrong shape ("steps": null, a step
    /// that is null, an unknown status...) is set aside as FILE.damaged, and <see cref="SavedProgress.SetAside"/> says so.
    /// </summary>
    public SavedProgress Read(string labId)
    {
        var path = PathFor(labId);
        if (!File.Exists(path)) return SavedProgress.None;
        string? problem;
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SavedProgress(null, new ProgressSetAside(path, null, e.Message));
        }
        try
        {
            var progress = JsonSerializer.Deserialize<LabProgress>(text, Json);
            problem = ShapeProblem(progress);
            // Another format (a newer LabRunner's) or another lab's file is left alone, not read.
            if (problem is null)
                return new SavedProgress(progress is { Format: LabProgress.CurrentFormat or LabProgress.SentenceFormat } && progress.LabId == labId ? progress : null, null);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException)
        {
            problem = IsJson(text) ? "JSON, but not the shape of a progress file" : "not valid JSON";
        }
        return new SavedProgress(null, new ProgressSetAside(path, TryMoveAside(path), problem));
    }

    private static bool IsJson(string text)
    {
        try { using var _ = JsonDocument.Parse(text); return true; }
        catch (JsonException) { return false; }
    }

    /// <summary>What is wrong with a file that parsed as JSON (System.Text.Json happily reads null into any reference).</summary>
    private static string? ShapeProblem(LabProgress? progress)
    {
        if (progress is null) return "the file holds null";
        if (progress.LabId is null) return "labId is missing";
        if (progress.Steps is null) return "steps is missing or null";
        foreach (var (key, record) in progress.Steps)
        {
            if (string.IsNullOrEmpty(key)) return "a step has no name";
            if (record is null) return $"step \"{key}\" is null";
            if (!Enum.IsDefined(record.Status)) return $"step \"{key}\" has an unknown status";
            if (record.Notes is null || record.Notes.Any(n => n is null)) return $"step \"{key}\" has a null note";
        }
        return null;
    }

    // Synchronous on purpose: the file is a few kilobytes and saving must finish before the process may exit.
    public void Save(LabProgress progress)
    {
        var current = progress with { Format = LabProgress.CurrentFormat, SavedAt = DateTimeOffset.UtcNow };
        AtomicFile.Write(PathFor(progress.LabId), stream => JsonSerializer.Serialize(stream, current, Json));
    }

    /// <summary>Forgets a lab's progress; nothing saved yet (not even the folder) is not an error.</summary>
    public void Delete(string labId)
    {
        var path = PathFor(labId);
        if (File.Exists(path)) File.Delete(path);
    }

    private static string? TryMoveAside(string path)
    {
        try
        {
            File.Move(path, path + ".damaged", overwrite: true);
            return path + ".damaged";
        }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
    }

    private static string SafeFileName(string labId)
    {
        var sb = new StringBuilder(labId.Length);
        foreach (var c in labId) sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_');
        return sb.Length == 0 ? "_" : sb.ToString();
    }
}

/// <summary>What reading a lab's saved progress found: the progress (null when none), or a damaged file set aside.</summary>
public sealed record SavedProgress(LabProgress? Progress, ProgressSetAside? SetAside)
{
    public static readonly SavedProgress None = new(null, null);
}

/// <summary>A progress file that could not be used: where it was, where it went (null: it could not be moved), and why.</summary>
public sealed record ProgressSetAside(string Path, string? MovedTo, string Why);
