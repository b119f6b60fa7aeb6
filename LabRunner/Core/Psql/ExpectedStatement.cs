namespace LabRunner.Psql;

/// <summary>One statement's output as an author pasted it, parsed into structure (see <see cref="ExpectedPanel"/>).</summary>
public abstract record ExpectedStatement
{
    /// <summary>The query echoed after a prompt just before this output, when the author pasted it.</summary>
    public string? Query { get; init; }
    /// <summary>The panel line where this output starts (0-based, in <see cref="ExpectedPanel.Lines"/>).</summary>
    public int Line { get; init; }
}

/// <summary>A result set. Cells are the text psql showed; an empty cell stands for NULL or the empty string (psql shows both alike).</summary>
public sealed record ExpectedTable(IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string?>> Rows) : ExpectedStatement
{
    /// <summary>The count in the footer ("(2 rows)", "(2 filas)"), when pasted.</summary>
    public int? FooterCount { get; init; }
    /// <summary>Pasted in expanded (\x) form.</summary>
    public bool Expanded { get; init; }
    /// <summary>True when cells come from a panel (empty = NULL or ''); false for structured `rows` where null means NULL.</summary>
    public bool FromPanel { get; init; } = true;
    /// <summary>Where the header and row cells are in the panel's lines (aligned tables read from a panel; null otherwise).</summary>
    public TableLayout? Layout { get; init; }
    /// <summary>
    /// Where the author cut rows out with a "..." / "(...)" line: the rows before it are the result's first rows, those
    /// after it its last; the footer, when pasted, still counts them all. Null for a whole table.
    /// </summary>
    public int? ElidedAt { get; init; }
}

/// <summary>A command tag such as "UPDATE 1" or "CREATE TABLE".</summary>
public sealed record ExpectedTag(string Tag) : ExpectedStatement;

/// <summary>An ERROR/FATAL line (with its SQLSTATE when VERBOSITY verbose showed it) and the DETAIL/HINT lines under it.</summary>
public sealed record ExpectedError(string Severity, string? SqlState, string Message) : ExpectedStatement
{
    public string? Detail { get; init; }
    public string? Hint { get; init; }
}

/// <summary>A NOTICE/WARNING/INFO line.</summary>
public sealed record ExpectedNotice(string Severity, string Message) : ExpectedStatement;

/// <summary>Any other line psql printed ("Expanded display is on.", a SHOW-less meta-command's output).</summary>
public sealed record ExpectedText(string Text) : ExpectedStatement;
