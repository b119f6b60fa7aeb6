namespace LabRunner.Labs;

/// <summary>A lab file with errors, for commands that need a valid lab: the message lists every error, one per line.</summary>
public sealed class LabInvalidException(string path, IReadOnlyList<Diagnostic> diagnostics)
    : UserErrorException($"{path} is not a valid lab:" + Environment.NewLine +
                         string.Join(Environment.NewLine, diagnostics.Where(d => d.IsError).Select(d => "  " + d.ToString(Directory.GetCurrentDirectory()))) +
                         Environment.NewLine + "  (run `labrunner validate` for details)")
{
    public IReadOnlyList<Diagnostic> Diagnostics { get; } = diagnostics;
}
