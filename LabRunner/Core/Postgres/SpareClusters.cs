namespace LabRunner.Postgres;

/// <summary>
/// Stopped sandbox data directories kept for the next sandbox of the same template, so that a new sandbox reuses files
/// instead of creating ~1,000 (on some file systems creating a file costs a millisecond, so `cp -a` of a template
/// takes as long as initdb). A spare is brought back to the template's exact content before use: every file whose size,
/// modification time or mode differs is copied again, files the template lacks are deleted, missing ones created.
/// Spares hold no running server; at most two per template are kept, and a spare grown much larger than its template
/// (a lab that loaded a big table) is deleted instead of kept. A confined sandbox's folder is reset when it is disposed
/// (<see cref="TryKeepReset"/>), still under its sandbox name and lease, then marked clean and renamed: the next claim
/// only renames it. A spare without a valid mark (an older one, one for a rebuilt template) is reset when claimed; a
/// crash during the reset leaves a sandbox folder with a dead lease, which the janitor removes, never a spare.
/// </summary>
internal static class SpareClusters
{
    private const int MaxPerTemplate = 2;
    private const string Prefix = "spare-";
    /// <summary>In a spare reset to its template: which template (and its exact folder), written last.</summary>
    public const string CleanMark = "labrunner.clean";
    private const int CleanMarkVersion = 1;

    /// <summary>The template's key (its cache directory's name) from its data directory.</summary>
    public static string KeyOf(string templateData) => Path.GetFileName(Path.GetDirectoryName(templateData)!);

    /// <summary>Moves a spare of <paramref name="templateData"/> to <paramref name="dataDirectory"/> and resets it; false when none could be had.</summary>
    public static bool TryClaim(string root, string templateData, string dataDirectory, ClusterOwner owner) =>
        TryClaim(root, KeyOf(templateData), templateData, dataDirectory, owner);

    /// <summary>The same for any template folder, its spares named by <paramref name="key"/>.</summary>
    public static bool TryClaim(string root, string key, string template, string target, ClusterOwner owner)
    {
        foreach (var spare in Spares(root, key))
        {
            try
            {
                Directory.Move(spare, target); // atomic: of two claimants, one wins
            }
            catch (IOException) { continue; }
            try
            {
                if (IsMarkedClean(template, target, out var extra))
                {
                    foreach (var name in extra) File.Delete(Path.Combine(target, name));
                    return true;
                }
                Reset(template, target, owner);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The caller copies the template afresh (a lab may have left what we cannot reset, or even delete).
                try { Directory.Delete(target, recursive: true); }
                catch (Exception again) when (again is IOException or UnauthorizedAccessException) { }
                return false;
            }
        }
        return false;
    }

    /// <summary>Keeps a stopped sandbox's data directory as a spare; false when it should be deleted instead.</summary>
    public static bool TryKeep(string root, string templateData, string dataDirectory) =>
        TryKeep(root, KeyOf(templateData), templateData, dataDirectory);

    /// <summary>The same for any template folder, its spares named by <paramref name="key"/>.</summary>
    public static bool TryKeep(string root, string key, string template, string directory)
    {
        if (!Directory.Exists(directory) || Spares(root, key).Count() >= MaxPerTemplate) return false;
        if (Size(directory) > 4 * Size(template) + (64L << 20)) return false;
        try
        {
            Directory.Move(directory, Path.Combine(root, $"{Prefix}{key}-{Guid.NewGuid().ToString("N")[..10]}"));
            return true;
        }
        catch (IOException) { return false; }
    }

    /// <summary>
    /// Resets a stopped sandbox folder to its template where it is (under its own name: the janitor removes it if this
    /// process dies meanwhile), keeping <paramref name="keep"/> (the lease) at its top, marks it clean, and keeps it as a
    /// spare; false when it should be deleted instead. Throws what the reset throws (the caller then deletes it).
    /// </summary>
    public static bool TryKeepReset(string root, string key, string template, string directory, ClusterOwner owner, params string[] keep)
    {
        if (!Directory.Exists(directory) || Spares(root, key).Count() >= MaxPerTemplate) return false;
        if (Size(directory) > 4 * Size(template) + (64L << 20)) return false;
        Reset(template, directory, owner, keep);
        File.WriteAllText(Path.Combine(directory, CleanMark), MarkOf(template));
        try
        {
            Directory.Move(directory, Path.Combine(root, $"{Prefix}{key}-{Guid.NewGuid().ToString("N")[..10]}"));
            return true;
        }
        catch (IOException) { return false; }
    }

    /// <summary>
    /// True when <paramref name="spare"/> was reset to this very template and marked so: its mark names the template's
    /// folder as it is now (a rebuilt template is another folder), and besides the template's entries its top holds
    /// only the mark and the lease (<paramref name="extra"/>: those to delete). In doubt, false: the claim resets it.
    /// </summary>
    internal static bool IsMarkedClean(string template, string spare, out IReadOnlyList<string> extra)
    {
        extra = [];
        string mark;
        try { mark = File.ReadAllText(Path.Combine(spare, CleanMark)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
        if (mark != MarkOf(template)) return false;
        var wanted = new HashSet<string>(Directory.EnumerateFileSystemEntries(template).Select(Path.GetFileName)!, StringComparer.Ordinal);
        var others = Directory.EnumerateFileSystemEntries(spare).Select(p => Path.GetFileName(p)).Where(n => !wanted.Contains(n)).ToList();
        if (others.Any(n => n is not (CleanMark or SandboxLease.FileName))) return false;
        extra = others;
        return true;
    }

    private static string MarkOf(string template) =>
        $"reset to {Path.GetFullPath(template)} {Confinement.Posix.Stamp(template) ?? "?"} v{CleanMarkVersion}\n";

    private static IEnumerable<string> Spares(string root, string key) =>
        Directory.Exists(root) ? Directory.EnumerateDirectories(root, $"{Prefix}{key}-*") : [];

    /// <summary>Makes <paramref name="target"/> hold exactly <paramref name="template"/>'s files (content by size and mtime, modes).</summary>
    /// <param name="keep">Names left alone at the top of <paramref name="target"/> (none below it).</param>
    internal static void Reset(string template, string target, ClusterOwner owner, params string[] keep)
    {
        var wanted = new DirectoryInfo(template).EnumerateFileSystemInfos().ToDictionary(i => i.Name, StringComparer.Ordinal);
        foreach (var have in new DirectoryInfo(target).EnumerateFileSystemInfos())
        {
            if (keep.Contains(have.Name, StringComparer.Ordinal) && !wanted.ContainsKey(have.Name)) continue;
            if (!wanted.TryGetValue(have.Name, out var want) || KindOf(want) != KindOf(have) || have.LinkTarget is not null)
                Delete(have);
        }
        foreach (var want in wanted.Values)
        {
            var path = Path.Combine(target, want.Name);
            switch (want)
            {
                case DirectoryInfo dir when want.LinkTarget is null:
                    if (!Directory.Exists(path))
                    {
                        Directory.CreateDirectory(path, dir.UnixFileMode);
                        SameOwner(dir.FullName, path, owner);
                    }
                    else if (File.GetUnixFileMode(path) != dir.UnixFileMode) File.SetUnixFileMode(path, dir.UnixFileMode);
                    Reset(dir.FullName, path, owner);
                    break;
                case FileInfo file when want.LinkTarget is null:
                    var have = new FileInfo(path);
                    if (have.Exists && have.Length == file.Length && have.LastWriteTimeUtc == file.LastWriteTimeUtc)
                    {
                        if (have.UnixFileMode != file.UnixFileMode) have.UnixFileMode = file.UnixFileMode;
                        break;
                    }
                    var created = !have.Exists;
                    file.CopyTo(path, overwrite: true); // an existing file is truncated and rewritten: same inode, no create
                    if (created) SameOwner(file.FullName, path, owner);
                    File.SetUnixFileMode(path, file.UnixFileMode);
                    File.SetLastWriteTimeUtc(path, file.LastWriteTimeUtc);
                    break;
                default: // a symbolic link
                    if (!Path.Exists(path))
                    {
                        File.CreateSymbolicLink(path, want.LinkTarget!);
                        SameOwner(want.FullName, path, owner);
                    }
                    break;
            }
        }
    }

    /// <summary>A file made again belongs to whoever owns it in the template (when we may choose: as root).</summary>
    private static void SameOwner(string template, string path, ClusterOwner owner)
    {
        if (owner.Ids is null) return;
        var (uid, gid) = Confinement.Posix.Owner(template);
        Confinement.Posix.Chown(path, uid, gid);
    }

    private static int KindOf(FileSystemInfo i) => i.LinkTarget is not null ? 2 : i is DirectoryInfo ? 1 : 0;

    private static void Delete(FileSystemInfo i)
    {
        if (i is DirectoryInfo d && i.LinkTarget is null) d.Delete(recursive: true);
        else i.Delete();
    }

    private static long Size(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
