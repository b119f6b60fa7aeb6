namespace LabRunner.Labs;

/// <summary>A lab read from a file, or why it could not be: the lab is null whenever there is an error.</summary>
public sealed record LabLoadResult(Lab? Lab, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);
    public IEnumerable<Diagnostic> Warnings => Diagnostics.Where(d => !d.IsError);
}
