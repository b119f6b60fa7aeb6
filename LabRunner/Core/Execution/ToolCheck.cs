namespace LabRunner.Execution;

/// <summary>Which of the OS tools a lab declares (rsync, pg_basebackup, ...) are not on PATH, to say so before the lab starts.</summary>
public static class ToolCheck
{
    public static IReadOnlyList<string> Missing(IEnumerable<string> tools, string? path = null)
    {
        var dirs = (path ?? Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return tools.Where(t => !IsAvailable(t, dirs)).Distinct().ToList();
    }

    /// <summary>Stops before the lab starts when a declared tool is missing: one clear line naming the package to install.</summary>
    public static void EnsureInstalled(IEnumerable<string> tools)
    {
        var missing = Missing(tools);
        if (missing.Count > 0)
            throw new UserErrorException($"this lab's shell steps need {string.Join(", ", missing)}, not found on PATH (e.g. apt-get install -y {string.Join(' ', missing)})");
    }

    private static bool IsAvailable(string tool, string[] dirs)
    {
        if (tool.Contains('/')) return IsExecutable(tool);
        return dirs.Any(d => IsExecutable(Path.Combine(d, tool)));
    }

    private static bool IsExecutable(string file) =>
        File.Exists(file) && (File.GetUnixFileMode(file) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
