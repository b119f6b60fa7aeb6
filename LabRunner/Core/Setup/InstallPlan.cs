namespace LabRunner.Setup;

/// <summary>
/// How to install what is missing on this machine: the exact commands (argv), as LabRunner would run them without asking
/// for a password (root, `sudo -n`, or Homebrew as the user), and as a person would type them.
/// No commands when the platform has no package manager LabRunner knows (then <see cref="Hint"/> says where to get PostgreSQL).
/// </summary>
public sealed record InstallPlan
{
    public required IReadOnlyList<Software> Software { get; init; }
    /// <summary>The packages, in the order given, once each.</summary>
    public required IReadOnlyList<string> Packages { get; init; }
    /// <summary>What LabRunner runs (through `sudo -n` when not root); empty when it cannot install here.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Commands { get; init; }
    /// <summary>The commands as a person types them (plain `sudo`, which may ask for a password).</summary>
    public required string TypedCommand { get; init; }
    /// <summary>The commands as LabRunner runs them, one after the other (joined with a shell's "and then").</summary>
    public string CommandText => string.Join(" && ", Commands.Select(c => string.Join(' ', c)));
    /// <summary>False when LabRunner cannot run the commands unattended (not root and sudo wants a password, or no package manager).</summary>
    public required bool CanRunUnattended { get; init; }
    /// <summary>One sentence telling how to install, for platforms and users LabRunner cannot install for.</summary>
    public required string Hint { get; init; }

    public const string PostgresDownloads = "https://www.postgresql.org/download/";

    /// <summary>The plan for this machine; <paramref name="sudoWorksWithoutPassword"/> says whether `sudo -n true` succeeded.</summary>
    public static InstallPlan For(HostSystem host, IReadOnlyList<Software> software, bool sudoWorksWithoutPassword)
    {
        if (host.Which("apt-get") is not null && !host.IsMacOS)
        {
            var packages = software.Select(s => s.AptPackage).Distinct().ToList();
            var steps = new List<string[]>();
            if (!AptHasLists(host.AptListsDirectory)) steps.Add(["apt-get", "update"]);
            steps.Add(["apt-get", "install", "-y", .. packages]);
            var sudo = host.IsRoot ? [] : new[] { "sudo", "-n" };
            var typed = string.Join(" && ", steps.Select(s => (host.IsRoot ? "" : "sudo ") + string.Join(' ', s)));
            var unattended = host.IsRoot || (sudoWorksWithoutPassword && host.Which("sudo") is not null);
            return new InstallPlan
            {
                Software = software,
                Packages = packages,
                Commands = steps.Select(s => (IReadOnlyList<string>)[.. sudo, .. s]).ToList(),
                TypedCommand = typed,
                CanRunUnattended = unattended,
                Hint = $"install {Them(software)} with `{typed}`",
            };
        }
        if (host.IsMacOS)
        {
            var formulas = software.Select(s => s.BrewFormula).OfType<string>().Distinct().ToList();
            var typed = $"brew install {string.Join(' ', formulas)}";
            var hasBrew = host.Which("brew") is not null;
            return new InstallPlan
            {
                Software = software,
                Packages = formulas,
                Commands = hasBrew ? [["brew", "install", .. formulas]] : [],
                TypedCommand = typed,
                CanRunUnattended = hasBrew,
                Hint = hasBrew
                    ? $"install {Them(software)} with `{typed}`"
                    : $"install Homebrew (https://brew.sh), then `{typed}`; or PostgreSQL's installer for macOS (EDB) from {PostgresDownloads}macosx/",
            };
        }
        var names = software.Select(s => s.AptPackage).Distinct().ToList();
        return new InstallPlan
        {
            Software = software,
            Packages = names,
            Commands = [],
            TypedCommand = "",
            CanRunUnattended = false,
            Hint = $"install {Words(names)} with your system's package manager (PostgreSQL 14 or newer: {PostgresDownloads})",
        };
    }

    private static bool AptHasLists(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*_Packages*").Any();

    private static string Them(IReadOnlyList<Software> software) => software.Count == 1 ? "it" : "them";

    internal static string Words(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
