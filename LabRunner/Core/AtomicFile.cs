using System.Text;

namespace LabRunner;

/// <summary>
/// Writes a file so that a reader sees the old content or the new, never half of it: a temporary file beside the target,
/// flushed to disk, then renamed over it. The one writer for reports, imported labs, the catalog and saved progress, so
/// also the one place that masks known secrets (<see cref="Secrets"/>) in what LabRunner writes to files.
/// </summary>
public static class AtomicFile
{
    public static async Task WriteAllTextAsync(string path, string text, CancellationToken ct)
    {
        var temp = TempFor(path, out var full);
        try
        {
            await using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await stream.WriteAsync(Utf8.GetBytes(Secrets.Scrub(text)), ct);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    /// <summary>Synchronous, for writes that must finish before the process may exit (saved progress).</summary>
    public static void Write(string path, Action<Stream> write)
    {
        var temp = TempFor(path, out var full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                if (Secrets.Any)
                {
                    using var buffer = new MemoryStream();
                    write(buffer);
                    stream.Write(Utf8.GetBytes(Secrets.Scrub(Utf8.GetString(buffer.ToArray()))));
                }
                else write(stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    private static readonly UTF8Encoding Utf8 = new(false);

    private static string TempFor(string path, out string full)
    {
        full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
    }
}
