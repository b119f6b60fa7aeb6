using LabRunner.Postgres.Confinement;

namespace LabRunner.Postgres;

/// <summary>Shell steps inside a confined sandbox: as postgres, in its namespaces, from its home folder.</summary>
internal sealed class ConfinedShell(InsideCommand inside, string hostFolder) : IShellHost
{
    public bool IsConfined => true;
    public string? NotConfinedReason => null;

    public ShellLaunch Launch(string script, IReadOnlyDictionary<string, string> environment) =>
        new([.. inside.Prefix(HolderArguments.InsideHome, environment), "bash", "-c", script], new Dictionary<string, string>(), hostFolder);
}
