namespace LabRunner.Labs;

/// <summary>One problem in a lab or catalog file: where, how bad, what is wrong and how to fix it.</summary>
public sealed record Diagnostic(SourceLocation Location, Severity Severity, string Message, string? Fix = null)
{
    public bool IsError => Severity == Severity.Error;

    /// <summary>`file:line:column: error: what is wrong — how to fix it`, the shape editors and CI logs link.</summary>
    public override string ToString() => Format(Location.File);

    /// <summary>Same as ToString, with the file shown relative to <paramref name="baseDirectory"/> when it lies below it.</summary>
    public string ToString(string? baseDirectory)
    {
        var file = Location.File;
        if (baseDirectory is not null && file.Length > 0 && Path.IsPathRooted(file))
        {
            var relative = Path.GetRelativePath(baseDirectory, file);
            if (!relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative)) file = relative;
        }
        return Format(file);
    }

    private string Format(string file)
    {
        var where = Location.Line > 0 ? $"{file}:{Location.Line}:{Location.Column}" : file;
        var severity = Severity == Severity.Error ? "error" : "warning";
        var fix = string.IsNullOrEmpty(Fix) ? "" : $" — {Fix}";
        return $"{where}: {severity}: {Message}{fix}";
    }
}
