namespace LabRunner.Postgres;

/// <summary>Where a target's shell steps run: confined inside its sandbox, or on the host (only with explicit consent).</summary>
public interface IShellHost
{
    bool IsConfined { get; }
    /// <summary>Why shell steps cannot be confined here (one line), when <see cref="IsConfined"/> is false.</summary>
    string? NotConfinedReason { get; }
    /// <summary>The command line, environment and host folder that run <paramref name="script"/> with bash.</summary>
    ShellLaunch Launch(string script, IReadOnlyDictionary<string, string> environment);
}

/// <summary>argv runs bash; Environment is added to the launching process's own (empty when argv sets it itself).</summary>
public sealed record ShellLaunch(IReadOnlyList<string> Argv, IReadOnlyDictionary<string, string> Environment, string HostWorkingDirectory);

/// <summary>bash on the host, in the target's work folder, with the PG* variables in its environment.</summary>
public sealed class HostShell(string workDirectory, string notConfinedReason) : IShellHost
{
    public bool IsConfined => false;
    public string? NotConfinedReason { get; } = notConfinedReason;

    public ShellLaunch Launch(string script, IReadOnlyDictionary<string, string> environment) =>
        new(["bash", "-c", script], environment,
            Directory.Exists(workDirectory) ? workDirectory : Environment.CurrentDirectory);
}
