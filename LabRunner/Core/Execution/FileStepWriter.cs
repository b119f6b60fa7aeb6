using System.Diagnostics;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// A file step: writes its content into the lab's work folder (whole or not at all), where the lab's shell steps run, so
/// that `psql -f transfiere.sql` finds it. A path that leaves the work folder is refused: a lab writes only its own files.
/// </summary>
internal static class FileStepWriter
{
    public static async Task<StepOutput> WriteAsync(IServerTarget target, FileAction file, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var work = Path.GetFullPath(target.WorkDirectory);
        // {{workdir}} is the folder as the lab's commands see it (inside a confined sandbox, postgres's home): the same folder.
        var seen = target.StepWorkDirectory.TrimEnd('/');
        var named = seen != work.TrimEnd('/') && (file.Path == seen || file.Path.StartsWith(seen + "/", StringComparison.Ordinal))
            ? work + file.Path[seen.Length..] : file.Path;
        var path = Path.GetFullPath(named, work);
        if (!path.StartsWith(work.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            return Failed($"not written: {file.Path} is outside the lab's work folder ({work})", clock);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var content = file.Content.EndsWith('\n') ? file.Content : file.Content + "\n";
            await AtomicFile.WriteAllTextAsync(path, content, ct);
            // The shell steps may run as another OS user (the sandbox's): they read it.
            if (!OperatingSystem.IsWindows())
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed($"could not write {file.Path}: {e.Message}", clock);
        }
        var lines = file.Content.TrimEnd('\n').Split('\n').Length;
        var text = $"{file.Path}: {lines} line{(lines == 1 ? "" : "s")} written\n";
        return new StepOutput(text, [new ShellResult(0, text)], StepOutcome.Completed, clock.Elapsed);
    }

    private static StepOutput Failed(string message, Stopwatch clock)
    {
        var result = new ShellResult(1, message + "\n");
        return new StepOutput(result.Output, [result], StepOutcome.Failed, clock.Elapsed);
    }
}
