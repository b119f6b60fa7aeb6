using LabRunner.Postgres;
using LabRunner.Setup;

namespace LabRunner.Tests.Support;

/// <summary>
/// What the integration tests need from the machine (PostgreSQL's server binaries and psql, rsync, tmux, bubblewrap),
/// through the same code path as `labrunner --install-missing`: when something is missing and this run may install
/// unattended (root, or sudo without a password: CI), it is installed once, and the run says so on stderr. Otherwise
/// every sandbox test fails with the exact install command (never skipped).
/// </summary>
internal static class TestSoftware
{
    public static readonly SetupNeeds Needs = new() { PostgresServer = true, Tools = ["psql", "rsync", "tmux", "bwrap"] };

    private static readonly Lazy<Task<Exception?>> Ensured = new(() => Task.Run(EnsureAsync));

    /// <summary>Installs what is missing when allowed (once per run); never throws, so that tests not needing PostgreSQL go on.</summary>
    public static void InstallIfAllowed() => Ensured.Value.GetAwaiter().GetResult();

    /// <summary>Throws the one-line hint when PostgreSQL's server binaries are missing and could not be installed.</summary>
    public static async Task RequirePostgresAsync()
    {
        if (await Ensured.Value is { } problem) throw problem;
    }

    private static async Task<Exception?> EnsureAsync()
    {
        var host = HostSystem.Current();
        var (_, missing) = await MachineSetup.CheckAsync(host, Needs, CancellationToken.None);
        if (missing.IsEmpty) return null;
        if (!missing.Plan.CanRunUnattended)
        {
            return missing.IncludesPostgresServer
                ? new MissingSoftwareException("the integration tests need a real PostgreSQL: " + missing.Explain(consent: null), missing)
                : null; // the tests of the missing tool fail on their own; PostgreSQL's tests can run
        }
        await Console.Error.WriteLineAsync($"LabRunner.Tests: {missing.What} missing; installing once: {missing.Plan.CommandText}");
        try
        {
            await MachineSetup.InstallAsync(host, Needs, missing, line => Console.Error.WriteLine("LabRunner.Tests:   " + line), CancellationToken.None);
            return null;
        }
        catch (MissingSoftwareException e)
        {
            return await PgBinaries.TryFindAsync(null, CancellationToken.None, host.PgSearch) is null ? e : null;
        }
    }
}
