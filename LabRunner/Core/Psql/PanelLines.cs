using System.Globalization;
using System.Text.RegularExpressions;

namespace LabRunner.Psql;

/// <summary>What a line of pasted psql output looks like, line by line. Patterns are language-neutral where psql's are translated.</summary>
internal static partial class PanelLines
{
    // curso=> , curso=# , curso-> (continuation), postgres=*> (in transaction), ALICE> , =>
    [GeneratedRegex(@"^(?<name>[\p{L}\p{N}_.$@:~/\[\]-]*)(?<state>[=\-'""(*!^]*)[>#](?: (?<rest>.*))?$")]
    private static partial Regex PromptPattern();

    [GeneratedRegex(@"^-+(?:\+-+)*$")]
    private static partial Regex RulePattern();

    // -[ RECORD 1 ]----+------ (psql translates RECORD: "-[ REGISTRO 1 ]")
    [GeneratedRegex(@"^-\[ [\p{L}]+ (?<n>\d+) \]-*(?:\+-*)?$")]
    private static partial Regex RecordPattern();

    // (1 row), (2 rows), (1 fila), (3 lignes)
    // "(1 fila)", and as authors type it: "(1 fila )", "( 3 rows)".
    [GeneratedRegex(@"^\(\s*(?<n>\d+)\s+[\p{L}]+\s*\)$")]
    private static partial Regex FooterPattern();

    [GeneratedRegex(@"^[A-Z]+(?: [A-Z]+)*(?: \d+){0,2}$")]
    private static partial Regex TagPattern();

    // ERROR:  message / ERROR:  42883: message (VERBOSITY verbose)
    [GeneratedRegex(@"^(?<sev>\p{Lu}[\p{Lu} ]*?):  (?:(?<state>[0-9A-Z]{5}): )?(?<text>.*)$")]
    private static partial Regex MessagePattern();

    // LINE 1: select ... / LÍNEA 1: ... and the caret line under it
    [GeneratedRegex(@"^\p{Lu}+ \d+: ")]
    private static partial Regex PositionPattern();

    [GeneratedRegex(@"^\s*\^\s*$")]
    private static partial Regex CaretPattern();

    private static readonly HashSet<string> NoticeSeverities = new(StringComparer.Ordinal)
    {
        "NOTICE", "WARNING", "INFO", "DEBUG", "LOG", "NOTA", "AVISO", "ADVERTENCIA", "HINWEIS", "WARNUNG", "ATTENTION",
    };

    private static readonly HashSet<string> DetailLabels = new(StringComparer.Ordinal)
    {
        "DETAIL", "DETALLE", "DÉTAIL", "HINT", "SUGERENCIA", "ASTUCE", "TIPP", "CONTEXT", "CONTEXTO", "CONTEXTE", "KONTEXT",
        "LOCATION", "UBICACIÓN", "QUERY", "CONSULTA", "STATEMENT", "SENTENCIA",
    };

    private static readonly HashSet<string> HintLabels = new(StringComparer.Ordinal) { "HINT", "SUGERENCIA", "ASTUCE", "TIPP" };
    private static readonly HashSet<string> DetailOnly = new(StringComparer.Ordinal) { "DETAIL", "DETALLE", "DÉTAIL" };

    public static bool IsBlank(string line) => line.Trim().Length == 0;

    public static string? PromptRest(string line)
    {
        var m = PromptPattern().Match(line);
        if (!m.Success || (m.Groups["name"].Length == 0 && m.Groups["state"].Length == 0)) return null;
        return m.Groups["rest"].Value;
    }

    public static bool IsRule(string line) => RulePattern().IsMatch(line.Trim());

    public static bool IsRecordHeader(string line) => RecordPattern().IsMatch(line.Trim());

    public static int? FooterCount(string line)
    {
        var m = FooterPattern().Match(line.Trim());
        return m.Success ? int.Parse(m.Groups["n"].Value, CultureInfo.InvariantCulture) : null;
    }

    public static bool IsTag(string line) => TagPattern().IsMatch(line.Trim());

    public enum MessageKind { Error, Notice, Detail, Hint, Other }

    public static (MessageKind Kind, string Severity, string? SqlState, string Text)? Message(string line)
    {
        var m = MessagePattern().Match(line.TrimEnd());
        if (!m.Success) return null;
        var sev = m.Groups["sev"].Value;
        var state = m.Groups["state"].Success ? m.Groups["state"].Value : null;
        var text = m.Groups["text"].Value;
        var kind = HintLabels.Contains(sev) ? MessageKind.Hint
            : DetailOnly.Contains(sev) ? MessageKind.Detail
            : DetailLabels.Contains(sev) ? MessageKind.Other
            : NoticeSeverities.Contains(sev) ? MessageKind.Notice
            : MessageKind.Error;
        return (kind, sev, state, text);
    }

    public static bool IsPositionOrCaret(string line) => PositionPattern().IsMatch(line) || CaretPattern().IsMatch(line);
}
