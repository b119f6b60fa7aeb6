using LabRunner.Labs;
namespace LabRunner.Authoring.Markdown;

/// <summary>A task while its blocks are being read.</summary>
internal sealed class TaskDraft(string title, int line, int? number, bool fromSection)
{
    public string Title { get; } = title;
    public int Line { get; } = line;
    public int? Number { get; } = number;
    /// <summary>Made from a section the reader did not recognise (kept as a task only if it has commands).</summary>
    public bool FromSection { get; } = fromSection;
    public List<string> Text { get; } = [];
    public List<StepDraft> Steps { get; } = [];
}

/// <summary>A step while its blocks are being read.</summary>
internal sealed class StepDraft(string title, int line, int? number)
{
    public string Title { get; set; } = title;
    public int Line { get; } = line;
    public int? Number { get; } = number;
    /// <summary>Instructions of earlier steps that had nothing to run, shown before this step's own text.</summary>
    public List<string> Before { get; } = [];
    public List<string> Text { get; } = [];
    public StepAction? Action { get; set; }
    public List<StepVariant> Variants { get; } = [];
    public Expectation? Expect { get; set; }
    public bool ExpectFromResults { get; set; }
}
