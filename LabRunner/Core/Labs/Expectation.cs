namespace LabRunner.Labs;

/// <summary>What a step's output should be. Every part is optional; the parts given are all checked.</summary>
public sealed record Expectation
{
    /// <summary>psql output as an author pastes it (prompt and echoed query allowed).</summary>
    public string? Panel { get; init; }
    /// <summary>Structured alternative to a panel: column names and rows of cell text (null = SQL NULL).</summary>
    public IReadOnlyList<string>? Columns { get; init; }
    public IReadOnlyList<IReadOnlyList<string?>>? Rows { get; init; }
    /// <summary>Per-column matchers, by column name.</summary>
    public IReadOnlyDictionary<string, Matcher> Matchers { get; init; } = new Dictionary<string, Matcher>();
    /// <summary>Row order: null = unordered unless the query has ORDER BY.</summary>
    public bool? Ordered { get; init; }
    /// <summary>Compare only the columns the expectation names (actual may have more).</summary>
    public bool SubsetOfColumns { get; init; }
    /// <summary>Re-run the step until it matches (autovacuum runs when it runs).</summary>
    public Eventually? Eventually { get; init; }
    /// <summary>Series to record (and plot) while the step re-runs; needs <see cref="Eventually"/>.</summary>
    public Watch? Watch { get; init; }
    /// <summary>The step should fail with this SQLSTATE (e.g. 42883).</summary>
    public string? ErrorSqlState { get; init; }
    /// <summary>Shell steps: expected exit code (default 0) and output checks.</summary>
    public int? ExitCode { get; init; }
    public string? OutputContains { get; init; }
    /// <summary>How many rows the step's last result set has ("Deberías ver 3 filas"), when that is all the lab says.</summary>
    public int? RowCount { get; init; }
    public string? OutputMatches { get; init; }
    /// <summary>
    /// An expected result that is not output to compare (a sentence, a picture, a table of values): shown to the student;
    /// a step with only this is reported "not compared", never "passed".
    /// </summary>
    public string? Prose { get; init; }
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>Whether it asks for anything to be compared (prose and how to retry alone do not).</summary>
    public bool Compares =>
        Panel is not null || Columns is not null || ErrorSqlState is not null || ExitCode is not null || OutputContains is not null
        || OutputMatches is not null || RowCount is not null;
}

public sealed record Eventually(TimeSpan Within, TimeSpan Every);

/// <summary>
/// What an `eventually` step records while it re-runs: the numeric <paramref name="Series"/> columns (n_live_tup,
/// n_dead_tup) at every attempt, the moments the <paramref name="Marker"/> column changes (last_autovacuum), and once,
/// before the first attempt, the <paramref name="Threshold"/> query's single value, drawn as a line (the trigger point).
/// </summary>
public sealed record Watch(IReadOnlyList<string> Series, string? Marker, string? Threshold);
