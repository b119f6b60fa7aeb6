namespace LabRunner.Authoring.Markdown;

/// <summary>What earlier code blocks established: the database psql was opened on, and prompts that name sessions.</summary>
internal sealed class PsqlContext
{
    /// <summary>The database of the last psql line (or \c); SQL without one runs there.</summary>
    public string? Database { get; set; }
    /// <summary>The first database any block used: the lab's database.</summary>
    public string? FirstDatabase { get; set; }
    /// <summary>Prompt names set with \set PROMPT1 (ALICE, BOB) → session names (alice, bob).</summary>
    public Dictionary<string, string> PromptSessions { get; } = new(StringComparer.Ordinal);

    /// <summary>The PostgreSQL major version the author's own data directory path names, with its line.</summary>
    public (int Major, int Line)? AuthorVersion { get; set; }

    public void UseDatabase(string database)
    {
        Database = database;
        FirstDatabase ??= database;
    }
}
