using LabRunner.Execution;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>psql's \du: every role but pg_*, or only the roles its pattern names (a lab's "\du ana").</summary>
[Collection(SandboxCollection.Name)]
public sealed class RoleListingTests(SandboxFixture fx)
{
    [Fact]
    public async Task Du_with_a_pattern_lists_only_the_roles_it_names()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        var role = $"r{Guid.NewGuid():N}"[..12];

        var output = await ex.SqlAsync($"CREATE ROLE {role} LOGIN;\n\\du {role}\n\\du {role[..6]}*\nDROP ROLE {role};", db);

        // As psql 15 prints it for a 12-character role name.
        var listing = $"             List of roles\n  Role name   | Attributes | Member of \n--------------+------------+-----------\n {role} |            | {{}}\n\n";
        Assert.Equal($"CREATE ROLE\n{listing}{listing}DROP ROLE\n", output.Text);
    }
}
