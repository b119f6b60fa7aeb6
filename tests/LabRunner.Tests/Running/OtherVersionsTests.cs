using LabRunner.Checking;
using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Postgres;
using LabRunner.Running;
using LabRunner.Tests.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Running;

/// <summary>
/// The version-sensitive cases on real servers of other major versions than Debian's 15 (fetched by .ci/fetch-postgres,
/// as .ci/run does): the seed lab with its PostgreSQL 14 spelling on 14 and its variant on 17, the version gate, the
/// backup API. The sandbox runs them confined, with the binaries at Debian's place inside. 15 is the rest of the suite's.
/// </summary>
public abstract class OtherVersionTests(int major)
{
    private static TargetOptions Options(PgBinaries bins) =>
        new() { HonourPgEnvironment = false, SandboxRoot = TestPaths.SandboxRoot, PgBin = bins.BinDirectory, Binaries = bins };

    [Fact]
    public async Task Seed_lab_passes_every_step_with_this_versions_spelling()
    {
        var bins = await OtherVersions.RequireAsync(major);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        var ct = timeout.Token;
        var lab = (await LabLoader.LoadFileAsync(LabFiles.Seed, ct)).Lab!;
        await using var target = await LabServers.OpenAsync(Options(bins), lab.Server, ct);
        await using var executor = new StepExecutor(target);
        var run = new LabRun(lab, target, executor, new LabRunOptions { Consent = ConsentRules.AllowShell });

        var results = await run.RunAllAsync(null, ct);

        Assert.Equal(major, target.MajorVersion);
        Assert.True(target.Shell.IsConfined, target.Shell.NotConfinedReason);
        Assert.Equal(lab.Tasks.Sum(t => t.Steps.Count + t.Checks.Count), results.Count);
        Assert.All(results, r => Assert.True(r.Verdict.Status == TestLabs.SeedVerdict(r.Step.Id),
            $"PostgreSQL {major}: {r.Task.Id}/{r.Step.Id}: {r.Verdict.Status} {r.Verdict.Said()}\n{r.Verdict.Diff}\n{r.Output?.Text}"));
        Assert.Contains(results, r => r.Verdict.Status == VerdictStatus.Passed);
        var commands = string.Join("\n", results.Select(r => r.Action.Command));
        var (used, unused) = major < 15 ? ("pg_start_backup(", "pg_backup_start(") : ("pg_backup_start(", "pg_start_backup(");
        Assert.Contains(used, commands, StringComparison.Ordinal);
        Assert.DoesNotContain(unused, commands, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_low_level_backup_api_is_spelled_as_this_version_spells_it()
    {
        var bins = await OtherVersions.RequireAsync(major);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await using var target = await LabServers.OpenAsync(Options(bins), new ServerRequirements(), timeout.Token);
        await using var executor = new StepExecutor(target);
        async Task<string?> SqlStateAsync(string sql) =>
            (await executor.ExecuteAsync(new SqlAction(sql), Consent.None, null, null, timeout.Token)).FirstError?.SqlState;

        var oldStart = await SqlStateAsync("SELECT pg_start_backup('t', true);");
        var oldStop = await SqlStateAsync("SELECT * FROM pg_stop_backup();");
        var newStart = await SqlStateAsync("SELECT pg_backup_start('t', true);");
        var newStop = await SqlStateAsync("SELECT * FROM pg_backup_stop();");

        var (old, @new) = major < 15 ? ("ok", "42883") : ("42883", "ok");
        Assert.Equal(new[] { old, old, @new, @new }, new[] { oldStart ?? "ok", oldStop ?? "ok", newStart ?? "ok", newStop ?? "ok" });
    }

    [Fact]
    public async Task A_lab_for_other_versions_is_refused_with_both_versions_named()
    {
        var bins = await OtherVersions.RequireAsync(major);
        var range = major < 15 ? new VersionRange(15, null) : new VersionRange(null, 14);

        var refused = await Assert.ThrowsAsync<PostgresUnavailableException>(() =>
            LabServers.OpenAsync(Options(bins), new ServerRequirements { Versions = range }, CancellationToken.None));

        Assert.Equal($"This lab needs PostgreSQL {range}, and the server is {bins.Version}.", refused.Message);
    }
}

public sealed class PostgreSql14Tests() : OtherVersionTests(14);

public sealed class PostgreSql17Tests() : OtherVersionTests(17);
