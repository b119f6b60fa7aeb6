using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// "You should see `COPY 3`.", "Deberías ver `INSERT 0 5`": a prose result that quotes a command tag, and only one, is
/// that tag: compared as a panel of one tag (the sentence stays as prose). Code in the sentence that is not a tag (a
/// value, a name) says nothing this can compare.
/// </summary>
internal static partial class ProseTags
{
    public static string? TagOf(string prose)
    {
        var tags = Quoted().Matches(prose).Select(m => m.Groups[1].Value.Trim()).Where(q => Tag().IsMatch(q)).Distinct().ToList();
        return tags is [{ } tag] ? tag : null;
    }

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^(?:INSERT 0 \d+|(?:UPDATE|DELETE|COPY|SELECT|MERGE|MOVE|FETCH) \d+|(?:CREATE|DROP|ALTER) [A-Z]+(?: [A-Z]+)*|BEGIN|COMMIT|ROLLBACK|TRUNCATE TABLE|GRANT|REVOKE|VACUUM|ANALYZE|CLUSTER|REINDEX|SET|RESET|LOCK TABLE|PREPARE TRANSACTION|COMMIT PREPARED)$")]
    private static partial Regex Tag();
}
