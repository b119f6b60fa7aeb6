namespace LabRunner.Psql;

/// <summary>
/// psql output as an author pasted it into a lab — prompts, echoed queries, aligned or expanded tables, footers in any language,
/// command tags, errors and notices — parsed into statements that can be compared cell by cell.
/// </summary>
public sealed record ExpectedPanel(IReadOnlyList<ExpectedStatement> Statements)
{
    public IEnumerable<ExpectedTable> Tables => Statements.OfType<ExpectedTable>();

    /// <summary>The panel's lines as read (a paste indented as a whole comes dedented): statements' lines and cell layouts refer to them.</summary>
    public IReadOnlyList<string> Lines { get; init; } = [];

    public static ExpectedPanel Parse(string text) => PanelParser.ParsePanel(text);
}
