namespace LabRunner.Execution;

/// <summary>What one statement of a step produced, structured (for comparison) — its psql text is in <see cref="StepOutput.Text"/>.</summary>
public abstract record StatementResult;

public sealed record ResultColumn(string Name, string DataType, bool RightAligned);

/// <summary>A result set. Only the first rows are kept (display); all rows are counted and hashed.</summary>
public sealed record ResultSet(
    IReadOnlyList<ResultColumn> Columns,
    IReadOnlyList<IReadOnlyList<string?>> Rows,
    long RowCount,
    string RowsHash) : StatementResult
{
    public bool Truncated => Rows.Count < RowCount;
}

/// <summary>A command tag such as "INSERT 0 1000000" or "CREATE TABLE".</summary>
public sealed record CommandTag(string Tag) : StatementResult;

/// <summary>NOTICE/WARNING/INFO sent by the server.</summary>
public sealed record ServerNotice(string Severity, string SqlState, string Message, string? Detail, string? Hint) : StatementResult;

/// <summary>An error, as data (never parsed from strings).</summary>
public sealed record StatementError(
    string Severity, string SqlState, string Message, string? Detail, string? Hint, int? Position, string? Statement) : StatementResult
{
    /// <summary>LabRunner's own advice, e.g. "pg_start_backup was renamed pg_backup_start in PostgreSQL 15".</summary>
    public string? Advice { get; init; }
}

/// <summary>A shell step's result: exit code and interleaved stdout/stderr.</summary>
public sealed record ShellResult(int ExitCode, string Output) : StatementResult;
