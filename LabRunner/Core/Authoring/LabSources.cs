using LabRunner.Labs;
namespace LabRunner.Authoring;

/// <summary>
/// Finds and reads the lab a user names: a catalog id ("respaldo-autovacuum") or a path to a lab file. The file's
/// reader is chosen by extension (YAML built in; Markdown via the importer's ILabReader in LabReaders.Default).
/// </summary>
public sealed class LabSources(LabCatalog? catalog, IReadOnlyList<ILabReader>? readers = null)
{
    public LabCatalog? Catalog { get; } = catalog;
    public IReadOnlyList<ILabReader> Readers { get; } = readers ?? LabReaders.Default;
    /// <summary>Add <see cref="LabLint"/>'s warnings to every lab read (validate does).</summary>
    public bool Lint { get; init; }

    /// <summary>With the catalog found by <see cref="LabCatalog.Locate"/> (none is fine: paths still work).</summary>
    public static LabSources Open(string? catalogPath = null, string? startDirectory = null, IReadOnlyList<ILabReader>? readers = null)
    {
        var found = LabCatalog.Locate(catalogPath, startDirectory);
        return new LabSources(found is null ? null : LabCatalog.Load(found), readers);
    }

    /// <summary>The lab file a LAB argument means: an existing file, else a catalog id. Throws UserErrorException if neither.</summary>
    public string ResolvePath(string lab)
    {
        if (File.Exists(lab)) return Path.GetFullPath(lab);
        if (Directory.Exists(lab))
        {
            var inside = Path.Combine(lab, "lab.yaml");
            if (File.Exists(inside)) return Path.GetFullPath(inside);
        }
        if (Catalog?.Find(lab) is { } entry) return entry.FullPath;
        if (Catalog is null)
            throw new UserErrorException($"no lab \"{lab}\": no such file, and no {LabCatalog.FileName} found to look the id up (use --catalog)");
        var known = Catalog.Entries.Select(e => e.Id).ToList();
        var suggestion = DidYouMean.Suggest(lab, known);
        throw new UserErrorException($"no lab \"{lab}\": not a file, nor an id in {Catalog.FilePath}" +
            (suggestion is not null ? $" — did you mean \"{suggestion}\"?" : known.Count > 0 ? $" (labs: {string.Join(", ", known)})" : ""));
    }

    /// <summary>Reads a lab with every diagnostic (including a catalog id that differs from the lab's own id).</summary>
    public async Task<LabLoadResult> ReadAsync(string lab, CancellationToken ct = default)
    {
        var path = ResolvePath(lab);
        var reader = Readers.FirstOrDefault(r => r.CanRead(path)) ?? throw new UserErrorException(
            path.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                ? $"{path}: Markdown labs cannot be read by this build"
                : $"{path}: not a lab file (expected .yaml or .yml)");
        var result = await reader.ReadAsync(path, ct);
        if (Lint && result.Lab is { } read) result = result with { Diagnostics = [.. result.Diagnostics, .. LabLint.Check(read)] };
        var entry = Catalog?.Entries.FirstOrDefault(e => string.Equals(e.FullPath, path, StringComparison.Ordinal));
        if (entry is null || result.Lab is null || result.Lab.Id == entry.Id) return result;
        var mismatch = new Diagnostic(entry.Location, Severity.Error,
            $"catalog id \"{entry.Id}\" differs from the lab's id \"{result.Lab.Id}\" in {entry.Path}",
            $"make them equal (change one of the two ids)");
        return new LabLoadResult(null, [.. result.Diagnostics, mismatch]);
    }

    /// <summary>A valid lab, or LabInvalidException (a UserErrorException listing every error).</summary>
    public async Task<Lab> LoadAsync(string lab, CancellationToken ct = default)
    {
        var result = await ReadAsync(lab, ct);
        return result.Lab ?? throw new LabInvalidException(lab, result.Diagnostics);
    }

    /// <summary>Every problem in the catalog and in each lab it lists.</summary>
    public async Task<IReadOnlyList<Diagnostic>> ValidateCatalogAsync(CancellationToken ct = default)
    {
        if (Catalog is null) throw new UserErrorException($"no {LabCatalog.FileName} found (use --catalog, or run from the repository)");
        var all = new List<Diagnostic>(Catalog.Diagnostics);
        foreach (var entry in Catalog.Entries.Where(e => File.Exists(e.FullPath)))
            all.AddRange((await ReadAsync(entry.FullPath, ct)).Diagnostics);
        return all;
    }
}
