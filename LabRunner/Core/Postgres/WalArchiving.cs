namespace LabRunner.Postgres;

/// <summary>
/// LabRunner's own WAL archiving for a lab's `wal_archive:` folder: archive_mode on and a fixed archive_command that copies
/// each segment once into the folder. The command is LabRunner's, not the lab's, so it needs no consent; the folder is
/// checked when the lab is read (under {{workdir}}, plain names only), so it cannot smuggle a command in.
/// </summary>
public static class WalArchiving
{
    /// <summary>The lab's settings with archiving added when <paramref name="folder"/> is set.</summary>
    public static IReadOnlyDictionary<string, string> With(IReadOnlyDictionary<string, string> settings, string? folder)
    {
        if (folder is null) return settings;
        var all = new Dictionary<string, string>(settings, StringComparer.Ordinal)
        {
            ["archive_mode"] = "on",
            ["archive_command"] = $"mkdir -p \"{folder}\" && test ! -f \"{folder}/%f\" && cp %p \"{folder}/%f\"",
        };
        return all;
    }
}
