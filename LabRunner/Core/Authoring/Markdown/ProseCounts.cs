using System.Text.RegularExpressions;
using LabRunner.Labs;
using LabRunner.Psql;

namespace LabRunner.Authoring.Markdown;

/// <summary>
/// "Deberías ver 3 filas.", "You should see two rows.": a prose result that says how many rows the step's query returns
/// is a count LabRunner can compare, so the step is checked instead of "not compared". Only one count in the sentence,
/// never part of a bigger number ("5 000 de 20 000 filas" says two), and only when the step's last statement is a
/// query (SELECT, TABLE, VALUES, WITH, SHOW): "se insertan 3 filas" after an INSERT is its command tag, not a result.
/// </summary>
internal static partial class ProseCounts
{
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal)
    {
        ["un"] = 1, ["una"] = 1, ["one"] = 1, ["dos"] = 2, ["two"] = 2, ["tres"] = 3, ["three"] = 3, ["cuatro"] = 4, ["four"] = 4,
        ["cinco"] = 5, ["five"] = 5, ["seis"] = 6, ["six"] = 6, ["siete"] = 7, ["seven"] = 7, ["ocho"] = 8, ["eight"] = 8,
        ["nueve"] = 9, ["nine"] = 9, ["diez"] = 10, ["ten"] = 10, ["ninguna"] = 0, ["no"] = 0, ["cero"] = 0, ["zero"] = 0,
    };

    /// <summary>The rows the prose announces for <paramref name="action"/>'s result; null when it says no single count or the step returns no rows.</summary>
    public static int? RowsOf(string prose, StepAction action)
    {
        if (action is not SqlAction sql || !EndsWithRows(sql.Sql)) return null;
        var counts = Count().Matches(Headings.Plain(prose)).Select(m => Value(m.Groups["n"].Value)).Distinct().ToList();
        return counts is [{ } n] ? n : null;
    }

    private static int? Value(string n) => int.TryParse(n, out var digits) ? digits : Words.TryGetValue(n, out var word) ? word : null;

    private static bool EndsWithRows(string script)
    {
        var last = PsqlScanner.Split(script).LastOrDefault(p => p is not SqlStatementPart { IsEmpty: true });
        return last switch
        {
            SqlStatementPart statement => SqlTokenizer.Tokenize(statement.Text) is [{ Kind: SqlTokenKind.Word } first, ..] tokens
                                          && (first.Text is "select" or "table" or "values" or "show"
                                              // WITH ... INSERT returns rows only with RETURNING
                                              || first.Text == "with" && (!tokens.Any(t => t.Is("insert") || t.Is("update") || t.Is("delete") || t.Is("merge"))
                                                                          || tokens.Any(t => t.Is("returning")))),
            _ => false,
        };
    }

    [GeneratedRegex(@"(?<![\d][\s.,\u00a0\u202f]?)\b(?<n>\d+|una?|one|dos|two|tres|three|cuatro|four|cinco|five|seis|six|siete|seven|ocho|eight|nueve|nine|diez|ten|ninguna|no|cero|zero)\s+(?:filas?|registros?|rows?|records?)\b")]
    private static partial Regex Count();
}
