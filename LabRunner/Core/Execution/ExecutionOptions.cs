namespace LabRunner.Execution;

public sealed record ExecutionOptions
{
    /// <summary>Per-statement timeout unless a step sets its own.</summary>
    public TimeSpan StatementTimeout { get; init; } = TimeSpan.FromMinutes(5);
    /// <summary>How a config edit step is done: null applies the lab's lines (check); the TUI opens the student's editor.</summary>
    public IConfigEditor? Editor { get; init; }
    /// <summary>Rows kept per result set for display and comparison; all rows are still counted and hashed.</summary>
    public int MaxKeptRows { get; init; } = 10_000;
    /// <summary>
    /// Lines of notices (per statement) and of shell output (per step) kept: the first nine tenths and the last tenth,
    /// with a "… N lines left out …" marker between. psql prints a flood of RAISE NOTICE; LabRunner must not keep it all.
    /// </summary>
    public int MaxKeptOutputLines { get; init; } = 10_000;
    /// <summary>The language of the lab author's psql ("es"; <see cref="Labs.PsqlLanguage"/>): meta-command listings use its words. Null: English.</summary>
    public string? PsqlLanguage { get; init; }
}

