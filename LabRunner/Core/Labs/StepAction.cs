namespace LabRunner.Labs;

/// <summary>What a step does.</summary>
public abstract record StepAction
{
    /// <summary>The command as the student sees and edits it.</summary>
    public abstract string Command { get; }
    public abstract StepAction WithCommand(string command);
}

/// <summary>SQL (and psql meta-commands), run in a named session that persists across steps.</summary>
public sealed record SqlAction(string Sql, string Session = SqlAction.MainSession) : StepAction
{
    public const string MainSession = "main";
    /// <summary>Database to run in; null = the lab's database.</summary>
    public string? Database { get; init; }
    public override string Command => Sql;
    public override StepAction WithCommand(string command) => this with { Sql = command };
}

/// <summary>A bash script; {{variables}} are substituted and PG* variables reach the lab's server.</summary>
public sealed record ShellAction(string Script) : StepAction
{
    public override string Command => Script;
    public override StepAction WithCommand(string command) => this with { Script = command };
}
