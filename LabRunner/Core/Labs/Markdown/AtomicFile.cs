namespace LabRunner.Labs.Markdown;

/// <summary>Writes a file so that readers see the old content or the new, never half of it: a temp file beside it, then rename.</summary>
internal static class AtomicFile
{
    public static async Task WriteAsync(string path, string content, CancellationToken ct)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await File.WriteAllTextAsync(temp, content, ct);
            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }
}
