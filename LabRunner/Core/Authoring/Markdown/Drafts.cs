using Markdig.Syntax;
using LabRunner.Labs;
namespace LabRunner.Authoring.Markdown;

/// <summary>A task while its blocks are being read.</summary>
internal sealed class TaskDraft(string title, int line, string? label, bool fromSection)
{
    public string Title { get; set; } = title;
    public int Line { get; } = line;
    /// <summary>The task's own number as written ("2", "3.1"), for "Tarea 2." labels in result sections.</summary>
    public string? Label { get; } = label;
    public int? Number => int.TryParse(Label, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
    /// <summary>Made from a section the reader did not recognise (kept as a task only if it has steps).</summary>
    public bool FromSection { get; } = fromSection;
    /// <summary>No task heading: Pasos written straight under the instructions form this task.</summary>
    public bool Implicit { get; init; }
    public List<string> Text { get; } = [];
    public List<StepDraft> Steps { get; } = [];
    public string Id { get; set; } = "";
}

/// <summary>
/// One step of the lab as the author numbered it ("Paso 2", "3.", a bullet): its blocks in order while read, then the
/// parts it runs (one per session or kind) once interpreted.
/// </summary>
internal sealed class StepDraft(string label, int line, int? number, string description)
{
    /// <summary>The lab's own numbering as written ("Paso 2.", "Step 3:", "1.") or a bullet's text.</summary>
    public string Label { get; } = label;
    public int Line { get; } = line;
    public int? Number { get; } = number;
    /// <summary>The opener's own words after the label ("Copiar el directorio de datos...").</summary>
    public string Description { get; set; } = description;
    public List<StepItem> Items { get; } = [];
    public List<PartDraft> Parts { get; } = [];
    public TaskDraft Task { get; set; } = null!;
    public string Id { get; set; } = "";
    /// <summary>Text shown with the step that is not tied to one part (a manual step's whole text).</summary>
    public List<string> Text { get; } = [];

    public bool IsManual => Parts.All(p => p.Action is ManualAction);

    /// <summary>"Paso 2. Copiar el directorio de datos…": the label and a short description for the tree.</summary>
    public string Title => StepTitles.Of(Label, Description);
}

/// <summary>Something inside a step, in document order.</summary>
internal abstract record StepItem(int Line, Block Block);

/// <summary>A paragraph, list, quote or sub-heading: instructions (maybe naming a session, a file to save, an editor).</summary>
internal sealed record ProseItem(int Line, Block Block, string Markdown, string Plain) : StepItem(Line, Block);

/// <summary>A fenced or indented code block.</summary>
internal sealed record CodeItem(int Line, Block Block, IReadOnlyList<CodeLine> Lines, string? Info, string Markdown) : StepItem(Line, Block)
{
    public int EndLine => Lines.Count == 0 ? Line : Lines[^1].Line + 1;
}

/// <summary>
/// One runnable piece of a step: SQL in one session (and database), a shell script, a file to write, or nothing (manual).
/// A step with blocks in two sessions has two parts ("Paso 6 (1/2)", "Paso 6 (2/2)").
/// </summary>
internal sealed class PartDraft(StepAction action, int line)
{
    public StepAction Action { get; set; } = action;
    public int Line { get; } = line;
    public string Kind { get; set; } = "sql";
    public List<string> Text { get; } = [];
    public List<StepVariant> Variants { get; } = [];
    public string? Panel { get; set; }
    public int? PanelLine { get; set; }
    public string? ShellOutput { get; set; }
    public string? Prose { get; set; }
    public int? ProseLine { get; set; }
    public string? ErrorState { get; set; }
    public Dictionary<string, Matcher> Matchers { get; } = new(StringComparer.Ordinal);
    public Eventually? Eventually { get; set; }
    public bool Background { get; set; }
    /// <summary>Values of this part's result later steps use ({{variable}} → column).</summary>
    public Dictionary<string, string> Captures { get; } = new(StringComparer.Ordinal);
    public string? Server { get; set; }
    public StepDraft Step { get; set; } = null!;
    public string Id { get; set; } = "";

    public bool HasComparableExpectation => Panel is not null || ShellOutput is not null || ErrorState is not null;
    public bool HasExpectation => HasComparableExpectation || Prose is not null;
    public string? Session => (Action as SqlAction)?.Session;
}
