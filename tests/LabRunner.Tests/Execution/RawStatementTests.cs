using LabRunner.Execution;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

[Collection(SandboxCollection.Name)]
public sealed class RawStatementTests(SandboxFixture fx)
{
    [Fact]
    public async Task A_sql_standard_function_body_with_semicolons_is_sent_whole()
    {
        var db = await fx.CreateDatabaseAsync();
        await using var executor = new StepExecutor(fx.Sandbox, new ExecutionOptions());

        var output = await executor.SqlAsync("""
            CREATE FUNCTION two() RETURNS int LANGUAGE sql
            BEGIN ATOMIC
              SELECT 1;
              SELECT 2;
            END;
            SELECT two();
            """, db);

        Assert.Equal(StepOutcome.Completed, output.Outcome);
        Assert.Equal("CREATE FUNCTION\n two \n-----\n   2\n(1 row)\n\n", output.Text);
    }
}
