using LabRunner.Psql;
using System.Collections.Concurrent;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;
using Npgsql;

namespace LabRunner.Tests.Psql;

/// <summary>Every corpus case prints byte-identical text through LabRunner and through real psql -X, on the same database.</summary>
[Collection(SandboxCollection.Name)]
public sealed class PsqlFidelityTests(SandboxFixture fx)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Databases = new();

    public static IEnumerable<object[]> Cases() => PsqlCorpus.All();

    [Fact]
    public void The_corpus_holds_at_least_150_cases() => Assert.True(PsqlCorpus.All().Count() >= 150, $"{PsqlCorpus.All().Count()} cases");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Output_is_identical_to_psql(string file, string name)
    {
        var script = PsqlCorpus.Load(file).Single(c => c.Name == name).Script;
        var db = await DatabaseFor(file);

        var expected = await PsqlReference.RunAsync(fx.Sandbox, db, script);
        await using var executor = new StepExecutor(fx.Sandbox, new ExecutionOptions());
        var actual = await executor.ExecuteAsync(new SqlAction(script, "corpus") { Database = db }, Consent.None, null, null, CancellationToken.None);

        Assert.Equal(expected, actual.Text);
    }

    private Task<string> DatabaseFor(string file) => Databases.GetOrAdd(file, f => new Lazy<Task<string>>(async () =>
    {
        var db = await fx.CreateDatabaseAsync("corpus");
        await using var conn = await fx.OpenAsync(db);
        // One statement per command, as LabRunner sends them (Npgsql's SQL rewriting is off).
        foreach (var statement in PsqlScanner.Split(PsqlCorpus.Setup(f)).OfType<SqlStatementPart>().Where(p => !p.IsEmpty))
        {
            await using var cmd = new NpgsqlCommand(statement.Text, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        return db;
    })).Value;
}
