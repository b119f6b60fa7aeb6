using LabRunner.Labs;
namespace LabRunner.Authoring.Markdown;

/// <summary>What `labrunner import` was asked to do.</summary>
public sealed record ImportRequest(string MarkdownPath)
{
    /// <summary>Where to write the YAML; null = Labs/ID/lab.yaml (beside labs.yaml when adding to the catalog, else in the current directory).</summary>
    public string? OutputPath { get; init; }
    public bool Force { get; init; }
    public bool AddToCatalog { get; init; }
    /// <summary>labs.yaml to add the lab to; null = the nearest above the output file, else above the current directory.</summary>
    public string? CatalogPath { get; init; }
    public string WorkingDirectory { get; init; } = Directory.GetCurrentDirectory();
}

/// <summary>What `labrunner import` did.</summary>
public sealed record ImportResult(string OutputPath, Lab Lab, IReadOnlyList<ImportWarning> Warnings, string? CatalogPath, IReadOnlyList<string> CopiedImages);
