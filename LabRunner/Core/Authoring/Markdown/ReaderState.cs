namespace LabRunner.Authoring.Markdown;

/// <summary>A map entry before the lab's ids exist: it points at the drafts it belongs to.</summary>
internal sealed record MapDraft(int Line, int EndLine, MapElement Element, string Kind, string Note)
{
    public TaskDraft? Task { get; init; }
    public StepDraft? Step { get; init; }
    public PartDraft? Part { get; init; }
}

/// <summary>What reading the lab remembers from step to step: sessions, the last part run in each, the map and warnings.</summary>
internal sealed class ReaderState(PsqlContext psql, SessionNames names, List<ImportWarning> warnings, bool spanish)
{
    public PsqlContext Psql { get; } = psql;
    public SessionNames Names { get; } = names;
    public List<ImportWarning> Warnings { get; } = warnings;
    public bool Spanish { get; } = spanish;
    public List<MapDraft> Map { get; } = [];
    /// <summary>The session SQL runs in when a step names none: the last one used.</summary>
    public string? CurrentSession { get; set; }
    /// <summary>A session only suggested ("otra terminal"), with the line that suggested it and the session before it.</summary>
    public (string Session, int Line, string Before)? Vague { get; set; }
    public Dictionary<string, PartDraft> LastPartBySession { get; } = new(StringComparer.Ordinal);
    /// <summary>Every part read so far, in the lab's order (whether another session ran after a statement).</summary>
    public List<PartDraft> Parts { get; } = [];
    /// <summary>A file an editor was opened on, waiting for the lines to put in it.</summary>
    public string? EditorFile { get; set; }
    /// <summary>Servers the lab names (pg_createcluster, psql -p), by name, with the line that named them first.</summary>
    public Dictionary<string, int> Servers { get; } = new(StringComparer.Ordinal) { ["main"] = 0 };
    /// <summary>Servers the lab's own commands make (pg_createcluster).</summary>
    public HashSet<string> MadeByLab { get; } = new(StringComparer.Ordinal);

    /// <summary>The number of the last numbered step, across tasks (labs often number steps through the whole lab).</summary>
    public int? LastStepNumber { get; set; }

    public string Session => CurrentSession ?? Names.Default;

    public void Record(MapDraft entry) => Map.Add(entry);
}
