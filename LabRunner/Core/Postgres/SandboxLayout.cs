namespace LabRunner.Postgres;

/// <summary>
/// The folders of one sandbox and how the paths a lab names inside the confinement map to them outside:
/// /var/lib/postgresql, /etc/postgresql, /etc/postgresql-common, /var/log/postgresql, /run (so /var/run/postgresql),
/// /tmp and /var/tmp are the sandbox's own; any other writable path a lab invents (/ruta/al/backup) lands in fs/.
/// </summary>
public sealed class SandboxLayout(string root)
{
    public string Root { get; } = root;
    public string Fs => Path.Combine(Root, "fs");
    public string EtcPostgresql => Path.Combine(Root, "etc", "postgresql");
    public string EtcPostgresqlCommon => Path.Combine(Root, "etc", "postgresql-common");
    public string VarLibPostgresql => Path.Combine(Root, "var", "lib", "postgresql");
    public string VarLogPostgresql => Path.Combine(Root, "var", "log", "postgresql");
    public string VarTmp => Path.Combine(Root, "var", "tmp");
    public string Run => Path.Combine(Root, "run");
    public string SocketDirectory => Path.Combine(Run, "postgresql");
    public string Tmp => Path.Combine(Root, "tmp");
    /// <summary>bwrap's --info-fd output (holder pid, namespace ids), for the janitor.</summary>
    public string HolderInfo => Path.Combine(Root, "holder.json");

    /// <summary>Every folder of the layout, parents first, with its mode (Debian's for /var/run/postgresql and /tmp).</summary>
    internal IEnumerable<(string Path, UnixFileMode Mode)> Folders()
    {
        const UnixFileMode Open = (UnixFileMode)0b111_101_101;
        yield return (Fs, Open);
        yield return (Path.Combine(Root, "etc"), Open);
        yield return (EtcPostgresql, Open);
        yield return (Path.Combine(Root, "var"), Open);
        yield return (Path.Combine(Root, "var", "lib"), Open);
        yield return (VarLibPostgresql, Open);
        yield return (Path.Combine(Root, "var", "log"), Open);
        yield return (VarLogPostgresql, Open);
        yield return (VarTmp, (UnixFileMode)0b1_111_111_111);
        yield return (Run, Open);
        yield return (SocketDirectory, (UnixFileMode)0b10_111_111_101);
        yield return (Tmp, (UnixFileMode)0b1_111_111_111);
    }

    /// <summary>The host path of a path as the lab sees it inside the sandbox (e.g. a socket or data directory).</summary>
    public string Outside(string inside)
    {
        if (!inside.StartsWith('/')) throw new ArgumentException($"not an absolute path: {inside}", nameof(inside));
        foreach (var (prefix, to) in new[]
        {
            ("/var/run", Run), ("/run", Run), ("/tmp", Tmp), ("/var/tmp", VarTmp),
            ("/etc/postgresql-common", EtcPostgresqlCommon), ("/etc/postgresql", EtcPostgresql),
            ("/var/lib/postgresql", VarLibPostgresql), ("/var/log/postgresql", VarLogPostgresql),
        })
        {
            if (inside == prefix) return to;
            if (inside.StartsWith(prefix + "/", StringComparison.Ordinal)) return to + inside[prefix.Length..];
        }
        return Fs + inside;
    }

    /// <summary>The path a lab sees inside the sandbox for a host path in this layout; null when it is not in it.</summary>
    public string? Inside(string outside)
    {
        foreach (var (from, prefix) in new[]
        {
            (EtcPostgresqlCommon, "/etc/postgresql-common"), (EtcPostgresql, "/etc/postgresql"),
            (VarLibPostgresql, "/var/lib/postgresql"), (VarLogPostgresql, "/var/log/postgresql"),
            (VarTmp, "/var/tmp"), (Run, "/run"), (Tmp, "/tmp"), (Fs, ""),
        })
        {
            if (outside == from) return prefix.Length == 0 ? "/" : prefix;
            if (outside.StartsWith(from + "/", StringComparison.Ordinal)) return prefix + outside[from.Length..];
        }
        return null;
    }
}
