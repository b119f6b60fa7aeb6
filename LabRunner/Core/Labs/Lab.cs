namespace LabRunner.Labs;

/// <summary>A runnable lab: metadata, what it needs from the server, and its tasks.</summary>
public sealed record Lab
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    /// <summary>Language of the lab's own text (BCP 47, e.g. "es").</summary>
    public string Language { get; init; } = "en";
    public string? Duration { get; init; }
    public IReadOnlyList<string> Objectives { get; init; } = [];
    /// <summary>Markdown shown before the first task.</summary>
    public string? Introduction { get; init; }
    /// <summary>The lab's help table ("Tabla de ayuda": credentials, paths, versions), Markdown, shown on the overview.</summary>
    public string? Help { get; init; }
    public IReadOnlyList<LabImage> Images { get; init; } = [];
    public ServerRequirements Server { get; init; } = new();
    /// <summary>Author-defined variables, usable as {{name}} in commands (values may use built-in variables).</summary>
    public IReadOnlyDictionary<string, string> Variables { get; init; } = new Dictionary<string, string>();
    public required IReadOnlyList<LabTask> Tasks { get; init; }
    /// <summary>What a student's grading feedback may reveal (`feedback:`).</summary>
    public FeedbackLevel Feedback { get; init; } = FeedbackLevel.Differences;
    /// <summary>The file the lab was loaded from (YAML or Markdown).</summary>
    public string SourcePath { get; init; } = "";

    public IEnumerable<Step> AllSteps => Tasks.SelectMany(t => t.Steps);
}

/// <summary>An image or diagram the lab refers to; Path is relative to the lab file.</summary>
public sealed record LabImage(string Path, string? Alt)
{
    /// <summary>The file lives elsewhere (e.g. the course's own repository): kept as a reference, not checked.</summary>
    public bool External { get; init; }
}

/// <summary>
/// What a student's feedback file shows of each check: Summary = passed or not and the points; Differences = also where
/// and what the student's result differs in (their values, never the expected ones); ExpectedValues = also the expected
/// values and result.
/// </summary>
public enum FeedbackLevel { Summary, Differences, ExpectedValues }
