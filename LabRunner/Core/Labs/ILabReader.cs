namespace LabRunner.Labs;

/// <summary>
/// Reads one kind of lab file into the shared <see cref="Lab"/> model. YAML is built in (<see cref="YamlLabReader"/>);
/// the Markdown importer implements this for *.md and is listed in LabReaders.Default (Authoring).
/// </summary>
public interface ILabReader
{
    /// <summary>Whether this reader handles the file (by its extension).</summary>
    bool CanRead(string path);

    /// <summary>The lab, or diagnostics saying why not (Lab is null when there is an error).</summary>
    Task<LabLoadResult> ReadAsync(string path, CancellationToken ct);
}
