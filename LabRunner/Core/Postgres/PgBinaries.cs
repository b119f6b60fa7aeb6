using System.Globalization;
using System.Text.RegularExpressions;

namespace LabRunner.Postgres;

/// <summary>A directory holding initdb, pg_ctl and postgres of one PostgreSQL version.</summary>
public sealed partial record PgBinaries(string BinDirectory, string Version)
{
    /// <summary>Said when nobody looked for an installer's command (the Setup floor names the exact one for this machine).</summary>
    public const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with `sudo apt-get install -y postgresql` " +
        "(Debian/Ubuntu), point LabRunner at them with --pg-bin DIR, or use an existing server with --connection.";

    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");
    public int MajorVersion => int.Parse(Version.Split('.')[0], CultureInfo.InvariantCulture);

    /// <summary>Finds binaries: the given directory, else PATH, pg_config --bindir, /usr/lib/postgresql/*/bin (newest first).</summary>
    public static async Task<PgBinaries> FindAsync(string? binDirectory, CancellationToken ct, PgSearch? search = null) =>
        await TryFindAsync(binDirectory, ct, search) ?? throw new PostgresUnavailableException(
            binDirectory is null ? InstallHint : $"--pg-bin {binDirectory}: no initdb and pg_ctl there. {InstallHint}");

    /// <summary>Like <see cref="FindAsync"/>, null when there are none.</summary>
    public static async Task<PgBinaries?> TryFindAsync(string? binDirectory, CancellationToken ct, PgSearch? search = null)
    {
        if (binDirectory is not null)
        {
            return await ProbeAsync(Path.GetFullPath(binDirectory), ct);
        }
        var tried = new HashSet<string>();
        await foreach (var dir in CandidateDirectoriesAsync(search ?? PgSearch.Default, ct))
        {
            if (tried.Add(dir) && await ProbeAsync(dir, ct) is { } found) return found;
        }
        return null;
    }

    /// <summary>In order of preference; lazily, so the usual case (initdb on PATH) spawns no pg_config.</summary>
    private static async IAsyncEnumerable<string> CandidateDirectoriesAsync(PgSearch search, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var dir in search.PathDirectories)
        {
            var initdb = Path.Combine(dir, "initdb");
            if (File.Exists(initdb)) yield return Path.GetDirectoryName(ResolveLinks(initdb))!;
        }
        if (search.AskPgConfig && search.PathDirectories.FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_config"))) is { } configDir)
        {
            var pgConfig = await ProcessRunner.RunAsync(Path.Combine(configDir, "pg_config"), ["--bindir"], ct);
            if (pgConfig.Succeeded) yield return pgConfig.Output.Trim();
        }
        foreach (var root in search.VersionRoots.Where(Directory.Exists))
        {
            foreach (var dir in Directory.GetDirectories(root)
                         .Select(d => (dir: d, major: int.TryParse(Path.GetFileName(d), out var m) ? m : -1))
                         .Where(d => d.major > 0)
                         .OrderByDescending(d => d.major)
                         .Select(d => Path.Combine(d.dir, "bin")))
                yield return dir;
        }
    }

    private static string ResolveLinks(string path) =>
        new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static async Task<PgBinaries?> ProbeAsync(string dir, CancellationToken ct)
    {
        var bins = new PgBinaries(dir, "");
        if (!File.Exists(bins.InitDb) || !File.Exists(bins.PgCtl)) return null;
        // `pg_ctl --version` once per installed binary (remembered by its size and time): a spawn less on every start.
        var binary = new FileInfo(ResolveLinks(bins.PgCtl));
        var stamp = $"{binary.Length} {binary.LastWriteTimeUtc.Ticks}";
        var remembered = Path.Combine(VersionCacheDirectory(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(bins.PgCtl)))[..16]);
        if (ReadRemembered(remembered, stamp) is { } known) return bins with { Version = known };
        var version = await ProcessRunner.RunAsync(bins.PgCtl, ["--version"], ct);
        var match = VersionPattern().Match(version.Output);
        if (!version.Succeeded || !match.Success) return null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(remembered)!);
            await AtomicFile.WriteAllTextAsync(remembered, $"{stamp}\n{match.Groups[1].Value}\n", ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } // a read-only home: probe every time
        return bins with { Version = match.Groups[1].Value };
    }

    private static string VersionCacheDirectory() => Path.Combine(Path.GetDirectoryName(ClusterTemplate.DefaultCacheDirectory())!, "pg-versions");

    private static string? ReadRemembered(string file, string stamp)
    {
        try
        {
            var lines = File.ReadAllLines(file);
            return lines.Length >= 2 && lines[0] == stamp && lines[1].Length > 0 ? lines[1] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    [GeneratedRegex(@"\(PostgreSQL\)\s+(\d+(?:\.\d+)?)")]
    private static partial Regex VersionPattern();
}
