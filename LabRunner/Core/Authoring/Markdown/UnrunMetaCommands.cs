using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// psql meta-commands course labs use that LabRunner's psql does not run (Execution/MetaCommands answers them with
/// psql's "invalid command"): a step built on them cannot do what the lab says, and the author should hear it at
/// import and validate rather than from a failed check. Keep in step with MetaCommands: when it learns one, drop it here
/// (\i, \ir and \copy left this list when MetaCommands learnt them).
/// </summary>
internal static partial class UnrunMetaCommands
{
    /// <summary>What the meta-command on this line does, when LabRunner does not run it; else null.</summary>
    public static (string Name, string Does)? Of(string line)
    {
        var m = MetaName().Match(line.Trim());
        if (!m.Success) return null;
        var name = m.Groups["name"].Value;
        string? does = name switch
        {
            "o" or "out" => "sends query results to a file",
            "w" or "write" => "writes the query buffer to a file",
            "!" => "runs a shell command",
            "cd" => "changes psql's working directory",
            "e" or "edit" or "ef" or "ev" => "opens an editor",
            _ => null,
        };
        return does is null ? null : (name, does);
    }

    [GeneratedRegex(@"^\\(?<name>!|[a-z_]+)(?=\s|$)")]
    private static partial Regex MetaName();
}
