namespace LabRunner.Labs;

/// <summary>One numbered step: instructions, one action (SQL or shell), and optionally what it should produce.</summary>
public sealed record Step
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>Markdown instructions, the author's words.</summary>
    public string? Text { get; init; }
    public required StepAction Action { get; init; }
    /// <summary>Alternative actions by server version (e.g. pg_backup_start on 15+). The first whose range matches wins.</summary>
    public IReadOnlyList<StepVariant> Variants { get; init; } = [];
    public Expectation? Expect { get; init; }
    public string? Hint { get; init; }
    /// <summary>Per-statement timeout; null = the lab runner's default.</summary>
    public TimeSpan? Timeout { get; init; }
    /// <summary>
    /// The statement keeps running while the lab goes on (a long query another session cancels, a wait the lab releases
    /// later): the next steps do not wait for it; its result is checked when it ends.
    /// </summary>
    public bool Background { get; init; }
    /// <summary>
    /// Values this step's output gives later steps: variable → column of the first result that has it (first row). A lab
    /// that says "write down the time, then put it in recovery_target_time" names it {{variable}} where it is used.
    /// </summary>
    public IReadOnlyDictionary<string, string> Captures { get; init; } = new Dictionary<string, string>();
    public SourceLocation Location { get; init; } = SourceLocation.None;

    /// <summary>The action to run on a server of the given major version.</summary>
    public StepAction ActionFor(int serverMajor) =>
        Variants.FirstOrDefault(v => v.Versions.Contains(serverMajor))?.Action ?? Action;
}

public sealed record StepVariant(VersionRange Versions, StepAction Action);
