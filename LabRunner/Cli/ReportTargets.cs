namespace LabRunner.Cli;

/// <summary>--report KIND:PATH (junit, json, and for grade gradescope), parsed up front so that a typo fails before any work is done.</summary>
internal sealed record ReportTargets(IReadOnlyList<string> JUnit, IReadOnlyList<string> Json)
{
    public IReadOnlyList<string> Gradescope { get; init; } = [];

    public static ReportTargets Parse(IEnumerable<string>? values, bool allowGradescope = false)
    {
        var found = new Dictionary<string, List<string>> { ["junit"] = [], ["json"] = [], ["gradescope"] = [] };
        var expected = allowGradescope ? "junit:PATH, json:PATH or gradescope:PATH" : "junit:PATH or json:PATH";
        foreach (var value in values ?? [])
        {
            var colon = value.IndexOf(':');
            var kind = colon > 0 ? value[..colon].ToLowerInvariant() : "";
            var path = colon > 0 ? value[(colon + 1)..] : "";
            if (path.Length == 0 || !found.TryGetValue(kind, out var list) || (kind == "gradescope" && !allowGradescope))
                throw new UserErrorException($"--report {value}: expected {expected}");
            list.Add(path);
        }
        return new ReportTargets(found["junit"], found["json"]) { Gradescope = found["gradescope"] };
    }
}
