using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// `\g FILE`: psql writes the statement's result into FILE, as the OS user that runs psql, where that user's shell would
/// (relative paths from its home). LabRunner writes it through the server's confined shell, so the file lands at the
/// path the lab named inside the sandbox, owned by postgres; without a confined shell it is refused (no host file is
/// written for a lab).
/// </summary>
internal static class QueryFile
{
    public static async Task WriteAsync(SqlStepRunner run, QueryOutput output, IReadOnlyList<StatementResult> results, bool expanded)
    {
        var content = string.Concat(results.Select(r => output.Render(r, expanded)));
        var shell = run.Target.Shell;
        if (!shell.IsConfined)
        {
            run.Add(new MetaCommandOutput("g", $"\\g {output.File}: not written: LabRunner writes a lab's files inside its sandbox only ({shell.NotConfinedReason})\n"));
            return;
        }
        var script = "cat > '" + output.File.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
        var written = await ShellStepRunner.RunAsync(run.Target, script, content, TimeSpan.FromSeconds(30), 50, null, run.Token);
        // psql prints only why it could not open the file (the shell's own words).
        if (written.Outcome != StepOutcome.Completed) run.Add(new MetaCommandOutput("g", written.Text));
    }
}
