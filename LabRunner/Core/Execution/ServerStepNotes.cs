using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// What a server step (a config edit; a server made, started on a directory, stopped) says when it ends without a server
/// note of its own: as data, so that a face words it in its language (<see cref="ShellNote.Line"/> is the English the
/// output and every report keep). Before, these were English sentences in the output only, also on a Spanish screen.
/// </summary>
public abstract record ServerStepNote : ShellNote;

/// <summary>A server step on a lab that runs on a server LabRunner did not make.</summary>
public sealed record ServerStepNeedsSandbox(string Command, string RunsOn) : ServerStepNote
{
    public override string Line => $"not run: {Command} needs a sandbox, and this lab runs on {RunsOn}";
}

/// <summary>A config edit on a lab that runs on a server LabRunner did not make.</summary>
public sealed record EditNeedsSandbox(string File, string RunsOn) : ServerStepNote
{
    public override string Line => $"not run: {File} is a file of the sandbox's servers, and this lab runs on {RunsOn}";
}

public sealed record NoSuchSandboxFile(string File) : ServerStepNote
{
    public override string Line => $"{File}: no such file in the sandbox";
}

public sealed record NoDataDirectoryGiven : ServerStepNote
{
    public override string Line => "no data directory to start the server on";
}

/// <summary>Why the sandbox would not make or start the server (mirrors Postgres.SandboxServerProblem, which Text may not see).</summary>
public enum ServerRefusal { TarFormatBackup, NotADataDirectory, BadServerName, ServerExists }

/// <summary>The sandbox refused the server: <paramref name="Subject"/> is the data directory or the server's name.</summary>
public sealed record ServerRefused(ServerRefusal Why, string Subject, string English) : ServerStepNote
{
    public override string Line => English;
}

/// <summary>An edit the student made in the editor LabRunner opened.</summary>
public sealed record ConfigEdited(string File) : ServerStepNote
{
    public override string Line => $"(edited {File})";
}

public sealed record ConfigLeftAsItWas(string File) : ServerStepNote
{
    public override string Line => $"({File} left as it was)";
}

/// <summary>The lab's lines written into the file (shown under the note).</summary>
public sealed record ConfigApplied(string File, string Lines) : ServerStepNote
{
    public override string Line => $"(applied to {File}:)\n{Lines.TrimEnd()}";
}
