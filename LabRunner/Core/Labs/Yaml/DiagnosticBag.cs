namespace LabRunner.Labs.Yaml;

/// <summary>Collects every problem found, so an author sees them all at once.</summary>
internal sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.IsError);

    public void Error(SourceLocation at, string message, string? fix = null) => _items.Add(new(at, Severity.Error, message, fix));
    public void Warning(SourceLocation at, string message, string? fix = null) => _items.Add(new(at, Severity.Warning, message, fix));
    public void Error(YNode at, string message, string? fix = null) => Error(at.Location, message, fix);
    public void Warning(YNode at, string message, string? fix = null) => Warning(at.Location, message, fix);
    public void Add(Diagnostic diagnostic) => _items.Add(diagnostic);

    /// <summary>In file order, as a compiler prints them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        _items.OrderBy(d => d.Location.File, StringComparer.Ordinal).ThenBy(d => d.Location.Line).ThenBy(d => d.Location.Column).ToList();
}
