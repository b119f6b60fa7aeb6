namespace LabRunner.Labs;

/// <summary>Lab files written in YAML (lab.yaml, *.yml).</summary>
public sealed class YamlLabReader : ILabReader
{
    public bool CanRead(string path) =>
        path.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".yml", StringComparison.OrdinalIgnoreCase);

    public Task<LabLoadResult> ReadAsync(string path, CancellationToken ct) => LabLoader.LoadFileAsync(path, ct);
}
