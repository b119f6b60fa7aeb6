using LabRunner.Labs.Yaml;

namespace LabRunner.Labs;

/// <summary>labs.yaml: the labs LabRunner offers, by id. Problems in it are diagnostics, like a lab file's.</summary>
public sealed class LabCatalog
{
    public const string FileName = "labs.yaml";

    private LabCatalog(string path, IReadOnlyList<CatalogEntry> entries, IReadOnlyList<Diagnostic> diagnostics)
    {
        FilePath = path;
        Entries = entries;
        Diagnostics = diagnostics;
    }

    /// <summary>Full path of labs.yaml.</summary>
    public string FilePath { get; }
    /// <summary>The directory holding labs.yaml (the repository root); lab paths are relative to it.</summary>
    public string Directory => System.IO.Path.GetDirectoryName(FilePath)!;
    public IReadOnlyList<CatalogEntry> Entries { get; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public CatalogEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>Reads labs.yaml; throws UserErrorException only when the file cannot be read at all.</summary>
    public static LabCatalog Load(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        string text;
        IReadOnlyList<Diagnostic> encoding;
        try { (text, encoding) = LabFileText.Read(full); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot read the lab catalog {path}: {e.Message}");
        }
        return Parse(text, full, encoding);
    }

    internal static LabCatalog Parse(string text, string fullPath, IReadOnlyList<Diagnostic>? encoding = null)
    {
        var source = new SourceText(fullPath, text);
        var d = new DiagnosticBag();
        foreach (var problem in encoding ?? []) d.Add(problem);
        var entries = new List<CatalogEntry>();
        var root = YamlTreeReader.Read(source, d);
        if (root is null && !d.HasErrors) d.Error(source.At(1, 1), "the catalog is empty", "write \"labs:\" and one \"- id: ...\" / \"path: ...\" item per lab");
        else if (root is not null and not YMapping) d.Error(root, $"the catalog must be a mapping, not {root.KindName}", "start with \"labs:\"");
        else if (root is YMapping map)
        {
            var f = new Fields(map, LabKeys.Catalog, "the catalog", d);
            var seen = new Dictionary<string, YScalar>(StringComparer.Ordinal);
            foreach (var item in f.List("labs", required: true)?.Items ?? [])
            {
                if (item is not YMapping entry) { d.Error(item, "each lab in the catalog should be a mapping", "write \"- id: my-lab\" and \"path: Labs/my-lab/lab.yaml\""); continue; }
                var ef = new Fields(entry, LabKeys.CatalogEntry, "a catalog entry", d);
                var id = ef.Scalar("id", required: true);
                var path = ef.Scalar("path", required: true);
                if (id is not null && !LabIds.IsValid(id.Value)) { d.Error(id, $"bad lab id \"{id.Value}\"", $"{LabIds.Rule}, e.g. \"{LabIds.Slug(id.Value)}\""); id = null; }
                if (id is not null && seen.TryGetValue(id.Value, out var first)) { d.Error(id, $"duplicate lab id \"{id.Value}\" (first at line {first.Location.Line})", "give each lab its own id"); id = null; }
                if (id is null || path is null) continue;
                seen[id.Value] = id;
                var full = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(fullPath)!, path.Value));
                if (!File.Exists(full)) d.Error(path, $"lab file \"{path.Value}\" not found", $"fix the path (relative to {FileName}) or create the lab with `labrunner new {id.Value}`");
                entries.Add(new CatalogEntry(id.Value, path.Value, full) { Location = id.Location, PathLocation = path.Location });
            }
        }
        return new LabCatalog(fullPath, entries, d.Sorted());
    }

    /// <summary>
    /// Where labs.yaml is: the explicit path (must exist), else the nearest labs.yaml above the start directory
    /// (the current directory by default), else the nearest above the app itself; null when there is none.
    /// </summary>
    public static string? Locate(string? explicitPath, string? startDirectory = null)
    {
        if (explicitPath is not null)
        {
            var full = System.IO.Path.GetFullPath(explicitPath);
            if (System.IO.Directory.Exists(full)) full = System.IO.Path.Combine(full, FileName);
            if (!File.Exists(full)) throw new UserErrorException($"lab catalog not found: {explicitPath}");
            return full;
        }
        return FindAbove(startDirectory ?? System.IO.Directory.GetCurrentDirectory()) ?? FindAbove(AppContext.BaseDirectory);
    }

    private static string? FindAbove(string directory)
    {
        for (var dir = new DirectoryInfo(directory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, FileName);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }
}
