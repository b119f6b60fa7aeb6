using System.Text.RegularExpressions;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// Connections named in prose: a psql command in inline code ("Conectarse con `sudo -u postgres psql curso`"), or a
/// database named in inline code after the words that introduce one ("Open two psql sessions on `curso`").
/// </summary>
internal static partial class ProseConnections
{
    public static void Apply(ReaderState state, string markdown, int line)
    {
        PsqlInvocations(state, markdown, line);
        foreach (Match m in NamedDatabase().Matches(markdown))
            if (state.Psql.FirstDatabase is null) state.Psql.Connect(state.Session, m.Groups["db"].Value, line);
    }

    /// <summary>
    /// Only the psql commands in inline code ("**Database:** connect with `psql uni`"): what the text under the lab's
    /// title says. Its other inline code names tools as often as databases ("a database with `pg_dump`").
    /// </summary>
    public static void PsqlInvocations(ReaderState state, string markdown, int line)
    {
        foreach (Match m in InlineCode().Matches(markdown))
        {
            if (Psql.Invocation(m.Groups[1].Value) is { RunsAsShell: false, Command: null } call)
                state.Psql.Connect(state.Session, call.Database, line);
        }
    }

    [GeneratedRegex(@"`([^`]+)`")]
    private static partial Regex InlineCode();

    [GeneratedRegex(@"\b(?i:psql|bases?\s+de\s+datos|base|database|db|bd)\b[^.`\n]{0,40}`(?<db>[A-Za-z_][\w]*)`")]
    private static partial Regex NamedDatabase();
}
