using System.Reflection;

namespace LabRunner.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Core = typeof(LabRunner.Postgres.Sandbox).Assembly;
    private static readonly Assembly App = typeof(LabRunner.Cli.CliApp).Assembly;
    private static readonly string[] CoreNamespaces =
        ["LabRunner.Labs", "LabRunner.Postgres", "LabRunner.Execution", "LabRunner.Checking", "LabRunner.Reports", "LabRunner.Progress"];

    [Fact]
    public void The_core_assembly_does_not_reference_Terminal_Gui()
    {
        Assert.DoesNotContain(Core.GetReferencedAssemblies(), a => a.Name!.StartsWith("Terminal.Gui", StringComparison.Ordinal));
        Assert.Contains(Core.GetReferencedAssemblies(), a => a.Name == "Npgsql"); // the check sees package references at all
    }

    [Fact]
    public void Core_namespaces_live_only_in_the_core_assembly()
    {
        var strays = App.GetTypes()
            .Where(t => t.Namespace is { } ns && CoreNamespaces.Any(c => ns == c || ns.StartsWith(c + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName)
            .ToList();

        Assert.Empty(strays);
    }
}
