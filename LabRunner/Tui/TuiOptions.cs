using LabRunner.Postgres;
using LabRunner.Text;

namespace LabRunner.Tui;

public sealed record TuiOptions
{
    /// <summary>A catalog id or a lab file; null opens the picker.</summary>
    public string? Lab { get; init; }
    public Catalogue Text { get; init; } = Catalogue.English;
    public TargetOptions Target { get; init; } = new();
    public string? CatalogPath { get; init; }
    /// <summary>Where progress is saved; null = the user's data directory.</summary>
    public string? ProgressDirectory { get; init; }
}
