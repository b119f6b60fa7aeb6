using System.Globalization;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>Turns what a psql user would type (a postgresql:// URI, key=value pairs, or nothing + PG* variables) into Npgsql settings.</summary>
public static class ConnectionStrings
{
    private static readonly Dictionary<string, string> LibpqToNpgsql = new(StringComparer.OrdinalIgnoreCase)
    {
        ["host"] = "Host",
        ["hostaddr"] = "Host",
        ["port"] = "Port",
        ["dbname"] = "Database",
        ["user"] = "Username",
        ["password"] = "Password",
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["passfile"] = "Passfile",
        ["options"] = "Options",
        ["target_session_attrs"] = "Target Session Attributes",
        ["sslrootcert"] = "Root Certificate",
    };

    public static NpgsqlConnectionStringBuilder Parse(string? connection)
    {
        var builder = new NpgsqlConnectionStringBuilder();
        ApplyEnvironment(builder);
        var text = connection?.Trim() ?? "";
        if (text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase))
            ApplyUri(builder, text);
        else if (text.Length > 0)
            ApplyKeywords(builder, text);
        return builder;
    }

    private static void ApplyEnvironment(NpgsqlConnectionStringBuilder b)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        b.Host = Env("PGHOST") ?? (Directory.Exists("/var/run/postgresql") ? "/var/run/postgresql" : "localhost");
        if (Env("PGPORT") is { } port && int.TryParse(port, out var p)) b.Port = p;
        b.Username = Env("PGUSER") ?? Environment.UserName;
        b.Database = Env("PGDATABASE") ?? b.Username;
        if (Env("PGPASSWORD") is { } pw) b.Password = pw;
        if (Env("PGPASSFILE") is { } pf) b.Passfile = pf;
        if (Env("PGSSLMODE") is { } ssl && Enum.TryParse<SslMode>(ssl.Replace("-", ""), true, out var mode)) b.SslMode = mode;
        if (Env("PGAPPNAME") is { } app) b.ApplicationName = app;
        b.Pooling = false;
    }

    private static void ApplyKeywords(NpgsqlConnectionStringBuilder b, string text)
    {
        foreach (var (key, value) in SplitKeywords(text))
        {
            if (!LibpqToNpgsql.TryGetValue(key, out var npgsqlKey))
            {
                // Also accept Npgsql's own keywords (Host=...;Username=...).
                try { b[key] = value; continue; }
                catch (ArgumentException) { throw new FormatException($"unknown connection keyword \"{key}\""); }
            }
            b[npgsqlKey] = value;
        }
    }

    private static IEnumerable<(string Key, string Value)> SplitKeywords(string text)
    {
        var separators = text.Contains(';') ? new[] { ';' } : [' ', '\t'];
        foreach (var part in text.Split(separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) throw new FormatException($"expected key=value, got \"{part}\"");
            yield return (part[..eq].Trim(), part[(eq + 1)..].Trim().Trim('\''));
        }
    }

    // System.Uri rejects libpq's empty host (postgresql://user@/db?host=/socket/dir), so split it by hand.
    private static readonly System.Text.RegularExpressions.Regex UriShape = new(
        @"^postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?(?<host>\[[^\]]*\]|[^:/?]*)(?::(?<port>\d+))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static void ApplyUri(NpgsqlConnectionStringBuilder b, string text)
    {
        var m = UriShape.Match(text);
        if (!m.Success) throw new FormatException($"not a postgresql:// URI: {text.Split('@')[^1]}");
        static string Unescape(string s) => Uri.UnescapeDataString(s);
        if (m.Groups["user"].Success && m.Groups["user"].Length > 0) b.Username = Unescape(m.Groups["user"].Value);
        if (m.Groups["password"].Success) b.Password = Unescape(m.Groups["password"].Value);
        if (m.Groups["host"].Length > 0) b.Host = Unescape(m.Groups["host"].Value.Trim('[', ']'));
        if (m.Groups["port"].Success) b.Port = int.Parse(m.Groups["port"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["db"].Length > 0) b.Database = Unescape(m.Groups["db"].Value);
        if (m.Groups["query"].Length > 0)
            ApplyKeywords(b, string.Join(';', m.Groups["query"].Value.Split('&').Select(Unescape)));
    }

    /// <summary>host:port/database, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder b) => $"{b.Host}:{b.Port}/{b.Database} as {b.Username}";
}
