namespace LabRunner.Psql;

/// <summary>What one statement of a step produced, structured (for comparison) — its psql text is in StepOutput.Text (Execution).</summary>
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
    /// <summary>psql's title above the table (meta-commands: "List of relations").</summary>
    public string? Title { get; init; }
    /// <summary>Lines under the table instead of the default "(N rows)" (null = the default; empty = none, as \du).</summary>
    public IReadOnlyList<string>? Footers { get; init; }
    /// <summary>How NULL cells are shown (psql's \pset null); the rows keep null.</summary>
    public string NullDisplay { get; init; } = "";
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
    /// <summary>The server's CONTEXT (where in a function the error happened); psql shows it for errors.</summary>
    public string? Context { get; init; }
    /// <summary>The internal query (e.g. inside a PL/pgSQL function) and the error's position in it.</summary>
    public string? InternalQuery { get; init; }
    public int? InternalPosition { get; init; }
    /// <summary>psql's "psql:FILE:LINE: " before an error in a file it runs (\i); null for what the step itself typed.</summary>
    public string? Location { get; init; }
}

/// <summary>What a psql meta-command printed ("Expanded display is on.", "You are now connected to database ...").</summary>
public sealed record MetaCommandOutput(string Command, string Text) : StatementResult;

/// <summary>A shell step's result: exit code and interleaved stdout/stderr.</summary>
public sealed record ShellResult(int ExitCode, string Output) : StatementResult
{
    /// <summary>
    /// The lines LabRunner itself put at the end of <see cref="Output"/> (in English, as reports keep them), in order, as
    /// data: a face words them in its own language.
    /// </summary>
    public IReadOnlyList<ShellNote> Notes { get; init; } = [];

    /// <summary>The "… N lines left out …" markers in <see cref="Output"/> (a long output keeps its first and last lines).</summary>
    public IReadOnlyList<LinesLeftOut> LeftOut { get; init; } = [];

    /// <summary>The " [… N characters left out]" ends of the lines in <see cref="Output"/> cut at their length limit.</summary>
    public IReadOnlyList<CharactersLeftOut> CutLines { get; init; } = [];
}

/// <summary>Where LabRunner cut one long line of a shell step's output: how many characters it left out.</summary>
public sealed record CharactersLeftOut(long Characters)
{
    /// <summary>The marker at the end of the cut line, in output and reports alike.</summary>
    public string Text => $" [… {Characters.ToString(System.Globalization.CultureInfo.InvariantCulture)} characters left out]";
}

/// <summary>A line LabRunner adds to a shell step's output.</summary>
public abstract record ShellNote
{
    /// <summary>The line as the output (and every report) keeps it.</summary>
    public abstract string Line { get; }
}

/// <summary>"exit code N": the command ended with a non-zero status.</summary>
public sealed record ExitedWith(int Code) : ShellNote
{
    public override string Line => $"exit code {Code.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>The step's timeout ended the command.</summary>
public sealed record KilledAfter(TimeSpan Timeout) : ShellNote
{
    public override string Line => $"(killed after the step's timeout of {Timeout.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s)";
}

/// <summary>The student (or a grader's Ctrl+C) cancelled the command.</summary>
public sealed record CancelledByUser : ShellNote
{
    public override string Line => "(cancelled)";
}

/// <summary>A server step's message ("server restaurado started on …"): what happened, as data.</summary>
public abstract record ServerNote : ShellNote;

/// <summary>A server of the sandbox was made and is up.</summary>
public sealed record ServerReady(string Name, string Port) : ServerNote
{
    public override string Line => $"server {Name} ready (port {Port})";
}

/// <summary>A server was started on a lab's data directory (a restored backup).</summary>
public sealed record ServerStartedOn(string Name, string DataDirectory, string Port) : ServerNote
{
    public override string Line => $"server {Name} started on {DataDirectory}, accepting connections (port {Port})";
}

/// <summary>A server of the sandbox was stopped.</summary>
public sealed record ServerStopped(string Name) : ServerNote
{
    public override string Line => $"server {Name} stopped";
}

/// <summary>Where LabRunner left output out to bound what a step keeps (a flood of notices): how many lines.</summary>
public sealed record LinesLeftOut(long Lines) : StatementResult
{
    /// <summary>The marker line, in output and reports alike.</summary>
    public string Text => $"… {Lines.ToString(System.Globalization.CultureInfo.InvariantCulture)} lines left out …\n";
}
