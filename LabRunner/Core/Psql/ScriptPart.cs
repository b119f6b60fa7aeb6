namespace LabRunner.Psql;

/// <summary>A piece of a step as psql would process it: a statement it sends, or a backslash command it runs itself.</summary>
public abstract record ScriptPart(int Line);

/// <summary>A statement exactly as psql sends it (leading blanks and -- comments dropped, the ';' kept).</summary>
/// <param name="IsEmpty">Only a ';' (and comments): psql sends it, the server answers nothing, nothing is printed.</param>
public sealed record SqlStatementPart(string Text, int Line, bool IsEmpty = false) : ScriptPart(Line)
{
    /// <summary>Set by \gx: show this statement's result expanded.</summary>
    public bool ForceExpanded { get; init; }
    /// <summary>`\g [(option=value ...)] FILE`: the result goes to that file, not the screen; null = the screen.</summary>
    public QueryOutput? Output { get; init; }
    /// <summary>`\gset [PREFIX]`: the one row's columns become psql variables PREFIX+column (the arguments as written); null = not \gset.</summary>
    public string? Gset { get; init; }
    /// <summary>`\gexec`: each value of the result, row by row, is run as a statement (the result itself is not shown).</summary>
    public bool Gexec { get; init; }
    /// <summary>`COPY … FROM STDIN;` in a script: the lines after it up to `\.`, the data psql streams to the server; null = none.</summary>
    public string? CopyData { get; init; }
}

/// <summary>A meta-command such as <c>\x</c>, <c>\c curso</c>, <c>\dn+</c>: name without the backslash, and the rest of its line.</summary>
public sealed record MetaCommandPart(string Name, string Arguments, int Line) : ScriptPart(Line);
