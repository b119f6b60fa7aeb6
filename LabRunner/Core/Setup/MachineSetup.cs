using LabRunner.Postgres;

namespace LabRunner.Setup;

/// <summary>
/// Before a command needs PostgreSQL or a lab's tools: finds what is missing, and either installs it (when the user
/// agreed and it can be done unattended) or stops with one line naming the exact command. The CLI, the TUI and the
/// test suite's fixture all come through here.
/// </summary>
public static class MachineSetup
{
    /// <summary>What is missing for <paramref name="needs"/>, with the server binaries when they were needed and found.</summary>
    public static async Task<(PgBinaries? Server, MissingSoftware Missing)> CheckAsync(HostSystem host, SetupNeeds needs, CancellationToken ct)
    {
        var missing = new List<Software>();
        PgBinaries? server = null;
        if (needs.PostgresServer)
        {
            server = needs.PgBin is not null
                ? await PgBinaries.FindAsync(needs.PgBin, ct) // chosen by the user: a wrong directory is theirs to fix, not ours to install into
                : await PgBinaries.TryFindAsync(null, ct, host.PgSearch);
            if (server is null) missing.Add(Software.PostgresServer);
        }
        foreach (var tool in needs.Tools.Distinct())
        {
            if (host.Which(tool) is null) missing.Add(Software.Tool(tool));
        }
        var sudo = missing.Count > 0 && !host.IsRoot && await SudoWithoutPasswordAsync(host, ct);
        return (server, new MissingSoftware(missing, InstallPlan.For(host, missing, sudo)));
    }

    /// <summary>
    /// Makes sure nothing is missing. With <paramref name="install"/> it installs what is (saying so through
    /// <paramref name="log"/>, every line of the package manager's output too); without, it throws
    /// <see cref="MissingSoftwareException"/> whose message names the command and, when given, <paramref name="consent"/>.
    /// </summary>
    public static async Task<PgBinaries?> EnsureAsync(HostSystem host, SetupNeeds needs, bool install, string? consent, Action<string> log, CancellationToken ct)
    {
        var (server, missing) = await CheckAsync(host, needs, ct);
        if (missing.IsEmpty) return server;
        if (!install) throw new MissingSoftwareException(missing.Explain(consent), missing);
        if (!missing.Plan.CanRunUnattended) throw new MissingSoftwareException(missing.CannotInstall(), missing);
        return await InstallAsync(host, needs, missing, log, ct);
    }

    /// <summary>Runs the plan, then looks again; throws when the install failed or left something missing.</summary>
    public static async Task<PgBinaries?> InstallAsync(HostSystem host, SetupNeeds needs, MissingSoftware missing, Action<string> log, CancellationToken ct)
    {
        log($"installing {missing.What}: {missing.Plan.CommandText}");
        var outcome = await Installer.RunAsync(missing.Plan, host, log, ct);
        if (!outcome.Succeeded)
        {
            var last = outcome.Tail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim() ?? "";
            throw new MissingSoftwareException($"`{outcome.FailedCommand}` failed (exit code {outcome.ExitCode}){(last.Length > 0 ? $": {last}" : "")}", missing);
        }
        var (server, still) = await CheckAsync(host, needs, ct);
        if (!still.IsEmpty)
            throw new MissingSoftwareException($"`{missing.Plan.CommandText}` ran, but {still.What} {(still.Software.Count == 1 ? "is" : "are")} still not found", still);
        log($"installed {missing.What}");
        return server;
    }

    private static async Task<bool> SudoWithoutPasswordAsync(HostSystem host, CancellationToken ct)
    {
        if (host.Which("sudo") is not { } sudo) return false;
        return (await ProcessRunner.RunAsync(sudo, ["-n", "true"], ct)).Succeeded;
    }
}
