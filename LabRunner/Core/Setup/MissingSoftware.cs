namespace LabRunner.Setup;

/// <summary>What this machine lacks, and the plan to install it.</summary>
public sealed record MissingSoftware(IReadOnlyList<Software> Software, InstallPlan Plan)
{
    public bool IsEmpty => Software.Count == 0;
    public bool IncludesPostgresServer => Software.Contains(LabRunner.Setup.Software.PostgresServer);

    /// <summary>"PostgreSQL server binaries (initdb, pg_ctl) and rsync".</summary>
    public string What => InstallPlan.Words(Software.Select(s => s.Name).ToList());
    private string Are => Software.Count == 1 ? "is" : "are";

    /// <summary>
    /// The one line said when LabRunner will not install: what is missing and the exact command; <paramref name="consent"/>
    /// tells how to let LabRunner do it ("run again with --install-missing").
    /// </summary>
    public string Explain(string? consent) =>
        $"{What} {Are} not installed: {Plan.Hint}" +
        (consent is not null && Plan.CanRunUnattended ? $", or {consent}" : "") +
        (IncludesPostgresServer ? " (or point LabRunner at installed binaries with --pg-bin DIR, or use an existing server with --connection)" : "") + ".";

    /// <summary>Said when the user asked LabRunner to install but it cannot do so here without a password (or a package manager).</summary>
    public string CannotInstall() => Plan.Commands.Count == 0
        ? $"{What} {Are} not installed, and LabRunner knows no package manager here: {Plan.Hint}."
        : $"{What} {Are} not installed, and installing needs root: `sudo -n` asks for a password. Run `{Plan.TypedCommand}` yourself, then start LabRunner again.";
}
