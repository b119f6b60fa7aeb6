using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// The files psql's \i and \copy read and write, moved through the server's confined shell (as <see cref="QueryFile"/>
/// does for \g): they are at the path the lab named inside the sandbox (relative paths from postgres's home, the lab's
/// work folder). Without a confined shell nothing is read or written: a lab never reaches a host file this way.
/// </summary>
internal static class SandboxFile
{
    /// <summary>Enough for any course's script or CSV; a longer file is refused rather than silently cut.</summary>
    private const int MaxLines = 200_000;

    /// <summary>Why no file can be moved for this target (one line for the student), or null when the shell is confined.</summary>
    public static string? Refusal(SqlStepRunner run, string command, string file) =>
        run.Target.Shell.IsConfined
            ? null
            : $"\\{command} {file}: not done: LabRunner reads and writes a lab's files inside its sandbox only ({run.Target.Shell.NotConfinedReason})\n";

    /// <summary>The file's text, or psql's reason it cannot be read (the system's words: "No such file or directory").</summary>
    public static async Task<(string? Content, string? Error)> ReadAsync(SqlStepRunner run, string file)
    {
        var read = await ShellStepRunner.RunAsync(run.Target, "cat -- " + Quote(file), null, TimeSpan.FromSeconds(30), MaxLines, null, run.Token);
        var result = (ShellResult)read.Results[0];
        if (read.Outcome != StepOutcome.Completed) return (null, Reason(read.Text));
        if (result.LeftOut.Count > 0 || result.CutLines.Count > 0)
            return (null, $"too large for LabRunner (more than {MaxLines} lines or a line over {BoundedText.MaxLineLength} characters)");
        return (read.Text, null);
    }

    /// <summary>Writes the file; null when written, else why not in the system's words ("Permission denied").</summary>
    public static async Task<string?> WriteAsync(SqlStepRunner run, string file, string content)
    {
        // The shell step's input always ends in a newline: an empty file is made without input.
        var script = content.Length == 0 ? ": > " + Quote(file) : "cat > " + Quote(file);
        var written = await ShellStepRunner.RunAsync(run.Target, script, content.Length == 0 ? null : content, TimeSpan.FromSeconds(30), 50, null, run.Token);
        return written.Outcome == StepOutcome.Completed ? null : Reason(written.Text);
    }

    /// <summary>The shell's first line is "cat: FILE: REASON" (or "bash: line 1: FILE: REASON"): psql says only the reason.</summary>
    private static string Reason(string shellText)
    {
        var first = shellText.Split('\n')[0];
        return first[(first.LastIndexOf(": ", StringComparison.Ordinal) + 2)..];
    }

    private static string Quote(string file) => "'" + file.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
