namespace LabRunner.Execution;

/// <summary>Which of the OS tools a lab declares (rsync, pg_basebackup, ...) are not on PATH, to say so before the lab starts.</summary>
public static class ToolCheck
{
    public static IReadOnlyList<string> Missing(IEnumerable<string> tools, string? path = null)
    {
        var dirs = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return tools.Where(t => !IsAvailable(t, dirs)).Distinct().ToList();
    }

    private static bool IsAvailable(string tool, string[] dirs)
    {
        if (tool.Contains('/')) return IsExecutable(tool);
        return dirs.Any(d => IsExecutable(Path.Combine(d, tool)));
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
