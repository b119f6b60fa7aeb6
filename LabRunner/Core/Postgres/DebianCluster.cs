using System.Globalization;
using System.Text.RegularExpressions;

namespace LabRunner.Postgres;

/// <summary>
/// One Debian cluster in a sandbox (/etc/postgresql/VERSION/NAME + its data directory), as pg_lsclusters sees it:
/// made by LabRunner or by the lab's own pg_createcluster. Its running state comes from postmaster.pid, which says
/// the port and socket the server really uses even after a lab changed them.
/// </summary>
public sealed partial record DebianCluster(int Version, string Name, SandboxLayout Layout)
{
    public string ConfigDirectory => Path.Combine(Layout.EtcPostgresql, Version.ToString(CultureInfo.InvariantCulture), Name);
    public string ConfigFile => Path.Combine(ConfigDirectory, "postgresql.conf");
    public string InsideConfigFile => $"/etc/postgresql/{Version}/{Name}/postgresql.conf";
    public string InsideLogFile => $"/var/log/postgresql/postgresql-{Version}-{Name}.log";
    public string LogFile => Layout.Outside(InsideLogFile);

    /// <summary>data_directory from postgresql.conf (Debian puts it there), as the lab sees it.</summary>
    public string InsideDataDirectory => Setting("data_directory") ?? $"/var/lib/postgresql/{Version}/{Name}";
    public string DataDirectory => Layout.Outside(InsideDataDirectory);

    /// <summary>The port it is configured for (postgresql.conf, conf.d, postgresql.auto.conf; last wins).</summary>
    public int ConfiguredPort => int.TryParse(Setting("port"), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : 5432;

    /// <summary>The running server's (port, socket directory outside, ready), or null when it is not running.</summary>
    public (int Port, string SocketDirectory, bool Ready)? Running()
    {
        string[] lines;
        try { lines = File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid")); }
        catch (IOException) { return null; }
        catch (UnauthorizedAccessException) { return null; }
        if (lines.Length < 8 || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) || pid <= 0) return null;
        if (!int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port)) return null;
        var socket = lines[4].Split(',')[0].Trim();
        return (port, Layout.Outside(socket.Length > 0 ? socket : "/var/run/postgresql"), lines[7].StartsWith("ready", StringComparison.Ordinal));
    }

    /// <summary>The clusters of a sandbox, as pg_lsclusters would list them.</summary>
    public static IEnumerable<DebianCluster> All(SandboxLayout layout)
    {
        if (!Directory.Exists(layout.EtcPostgresql)) yield break;
        foreach (var versionDir in Directory.GetDirectories(layout.EtcPostgresql).Order(StringComparer.Ordinal))
        {
            if (!int.TryParse(Path.GetFileName(versionDir), CultureInfo.InvariantCulture, out var version)) continue;
            foreach (var clusterDir in Directory.GetDirectories(versionDir).Order(StringComparer.Ordinal))
                if (File.Exists(Path.Combine(clusterDir, "postgresql.conf")))
                    yield return new DebianCluster(version, Path.GetFileName(clusterDir), layout);
        }
    }

    /// <summary>A setting's value from postgresql.conf, its conf.d and postgresql.auto.conf (last wins), unquoted.</summary>
    public string? Setting(string name)
    {
        string? value = null;
        foreach (var file in ConfigFiles())
        {
            string[] lines;
            try { lines = File.ReadAllLines(file); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            foreach (var line in lines)
            {
                var m = SettingLine().Match(line);
                if (m.Success && string.Equals(m.Groups["key"].Value, name, StringComparison.OrdinalIgnoreCase))
                    value = m.Groups["quoted"].Success ? m.Groups["quoted"].Value.Replace("''", "'", StringComparison.Ordinal) : m.Groups["bare"].Value;
            }
        }
        return value;
    }

    private IEnumerable<string> ConfigFiles()
    {
        yield return ConfigFile;
        var confD = Path.Combine(ConfigDirectory, "conf.d");
        if (Directory.Exists(confD))
            foreach (var f in Directory.GetFiles(confD, "*.conf").Order(StringComparer.Ordinal)) yield return f;
        if (Name != "" && ConfigFile != "")
        {
            // data_directory itself is read from postgresql.conf only (above); auto.conf lives in it.
            string? data = null;
            try
            {
                foreach (var line in File.ReadLines(ConfigFile))
                    if (SettingLine().Match(line) is { Success: true } m && m.Groups["key"].Value == "data_directory") data = m.Groups["quoted"].Value;
            }
            catch (IOException) { }
            if (data is { Length: > 0 }) yield return Path.Combine(Layout.Outside(data), "postgresql.auto.conf");
        }
    }

    [GeneratedRegex(@"^\s*(?<key>[A-Za-z_][A-Za-z0-9_.]*)\s*=?\s*(?:'(?<quoted>(?:[^']|'')*)'|(?<bare>[^\s#]+))")]
    private static partial Regex SettingLine();
}
