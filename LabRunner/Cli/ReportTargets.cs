namespace LabRunner.Cli;

/// <summary>--report KIND:PATH (junit or json), parsed up front so that a typo fails before any work is done.</summary>
internal sealed record ReportTargets(IReadOnlyList<string> JUnit, IReadOnlyList<string> Json)
{
    public static ReportTargets Parse(IEnumerable<string>? values, bool allowJson = true)
    {
        var junit = new List<string>();
        var json = new List<string>();
        foreach (var value in values ?? [])
        {
            var colon = value.IndexOf(':');
            var kind = colon > 0 ? value[..colon].ToLowerInvariant() : "";
            var path = colon > 0 ? value[(colon + 1)..] : "";
            if (path.Length == 0 || kind is not ("junit" or "json") || (kind == "json" && !allowJson))
                throw new UserErrorException($"--report {value}: expected {(allowJson ? "junit:PATH or json:PATH" : "junit:PATH")}");
            (kind == "junit" ? junit : json).Add(path);
        }
        return new ReportTargets(junit, json);
    }
}
