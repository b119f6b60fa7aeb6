using LabRunner.Labs;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// `labrunner import`: Markdown lab → lab YAML that validates, written atomically (never over an existing file unless
/// forced), with the lab's pictures copied beside it and, on request, an entry in labs.yaml.
/// </summary>
public static class MarkdownImporter
{
    public static async Task<ImportResult> ImportAsync(ImportRequest request, CancellationToken ct = default)
    {
        var source = Path.GetFullPath(request.MarkdownPath, request.WorkingDirectory);
        if (!File.Exists(source)) throw new UserErrorException($"{request.MarkdownPath}: no such file");
        string markdown;
        IReadOnlyList<Diagnostic> encoding;
        try { (markdown, encoding) = await LabFileText.ReadAsync(source, ct); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot read {request.MarkdownPath}: {e.Message}");
        }
        if (encoding.Count > 0)
            throw new UserErrorException($"{request.MarkdownPath}:{encoding[0].Location.Line}:{encoding[0].Location.Column}: {encoding[0].Message} — {encoding[0].Fix}");
        var import = MarkdownLabReader.Read(markdown, request.MarkdownPath);
        if (import.Lab.Tasks.Count == 0) throw new UserErrorException($"{request.MarkdownPath}: {MarkdownLabReader.NoTasks}");
        var catalogStart = request.OutputPath is null ? request.WorkingDirectory : Path.GetDirectoryName(Path.GetFullPath(request.OutputPath, request.WorkingDirectory))!;
        var catalog = request.AddToCatalog ? FindCatalog(request, catalogStart) : null;
        var output = request.OutputPath is { } o
            ? Path.GetFullPath(o, request.WorkingDirectory)
            : Path.Combine(catalog is null ? request.WorkingDirectory : Path.GetDirectoryName(catalog)!, "Labs", import.Lab.Id, "lab.yaml");
        var lab = import.Lab;
        // Labs/ID/lab.yaml: the folder names the lab (the catalog requires the two ids to be equal).
        if (Path.GetFileName(output) == "lab.yaml" && LabIds.IsValid(Path.GetFileName(Path.GetDirectoryName(output))))
            lab = lab with { Id = Path.GetFileName(Path.GetDirectoryName(output))! };
        if (File.Exists(output) && !request.Force)
            throw new UserErrorException($"{Shown(output, request)} already exists: use --force to overwrite it");

        var copies = ImageCopies(lab, source, output);
        var header = new List<string> { $"Imported by `labrunner import` from {Path.GetFileName(source)}; the text is the author's. Review:" };
        header.AddRange(import.Warnings.Where(w => !w.IsInfo).Select(w => "  " + w.Format(Path.GetFileName(source))));
        if (header.Count == 1) header[0] = $"Imported by `labrunner import` from {Path.GetFileName(source)}; the text is the author's.";
        var yaml = LabYamlWriter.Write(lab, header);

        var loaded = LabLoader.LoadText(yaml, output);
        if (loaded.Lab is null)
            throw new UserErrorException($"the imported lab does not validate (please report this with {request.MarkdownPath}):\n  " + string.Join("\n  ", loaded.Errors));

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        foreach (var (from, to, _) in copies)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
        }
        await AtomicFile.WriteAllTextAsync(output, yaml, ct);
        string? catalogPath = null;
        if (catalog is not null) catalogPath = await AddToCatalogAsync(catalog, lab.Id, output, ct);
        return new ImportResult(output, lab, import.Warnings, catalogPath, copies.Select(c => c.Image).ToList());
    }

    /// <summary>Pictures beside the Markdown travel with the lab (same relative path); external ones stay references.</summary>
    private static List<(string From, string To, string Image)> ImageCopies(Lab lab, string source, string output)
    {
        var from = Path.GetDirectoryName(source)!;
        var to = Path.GetDirectoryName(output)!;
        var copies = new List<(string, string, string)>();
        if (string.Equals(from, to, StringComparison.Ordinal)) return copies;
        foreach (var image in lab.Images.Where(i => !i.External))
        {
            var file = Path.GetFullPath(Path.Combine(from, image.Path));
            if (File.Exists(file)) copies.Add((file, Path.GetFullPath(Path.Combine(to, image.Path)), image.Path));
        }
        return copies;
    }

    private static string FindCatalog(ImportRequest request, string start)
    {
        if (request.CatalogPath is { } explicitPath) return LabCatalog.Locate(explicitPath)!;
        foreach (var dir in new[] { start, request.WorkingDirectory })
            for (var d = new DirectoryInfo(dir); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, LabCatalog.FileName))) return Path.Combine(d.FullName, LabCatalog.FileName);
        throw new UserErrorException($"--add-to-catalog: no {LabCatalog.FileName} found above {start} (use --catalog)");
    }

    private static async Task<string> AddToCatalogAsync(string catalogPath, string id, string output, CancellationToken ct)
    {
        var catalog = LabCatalog.Load(catalogPath);
        var relative = Path.GetRelativePath(catalog.Directory, output).Replace('\\', '/');
        if (catalog.Find(id) is { } entry)
        {
            if (string.Equals(entry.FullPath, output, StringComparison.Ordinal)) return catalogPath;
            throw new UserErrorException($"{catalogPath} already lists a lab \"{id}\" at {entry.Path}: the import was written to {output} but not added");
        }
        var text = await File.ReadAllTextAsync(catalogPath, ct);
        await AtomicFile.WriteAllTextAsync(catalogPath, LabScaffold.WithEntry(text, catalogPath, id, relative), ct);
        return catalogPath;
    }

    private static string Shown(string path, ImportRequest request)
    {
        var relative = Path.GetRelativePath(request.WorkingDirectory, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
    }
}
