using System.Globalization;
using System.Text;
using Npgsql;

namespace LabRunner.Postgres;

/// <summary>
/// Turns what a psql user would type (a postgresql:// URI, libpq key=value pairs, Npgsql's Key=Value;... or nothing + PG*
/// variables) into Npgsql settings. Errors never echo a value (a password with a space or ';' would be half of one), and
/// every password seen is handed to <see cref="Secrets"/> so that nothing LabRunner writes shows it.
/// </summary>
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
        if (builder.Port is < 1 or > 65535)
            throw new FormatException($"port {builder.Port.ToString(CultureInfo.InvariantCulture)} is out of range (1-65535)");
        Secrets.Add(builder.Password);
        return builder;
    }

    private static void ApplyEnvironment(NpgsqlConnectionStringBuilder b)
    {
        static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;
        b.Host = Env("PGHOST") ?? (Directory.Exists("/var/run/postgresql") ? "/var/run/postgresql" : "localhost");
        if (Env("PGPORT") is { } port && int.TryParse(port, CultureInfo.InvariantCulture, out var p)) b.Port = p;
        b.Username = Env("PGUSER") ?? Environment.UserName;
        b.Database = Env("PGDATABASE") ?? b.Username;
        if (Env("PGPASSWORD") is { } pw) b.Password = pw;
        if (Env("PGPASSFILE") is { } pf) b.Passfile = pf;
        if (Env("PGSSLMODE") is { } ssl && Enum.TryParse<SslMode>(ssl.Replace("-", "", StringComparison.Ordinal), true, out var mode)) b.SslMode = mode;
        if (Env("PGAPPNAME") is { } app) b.ApplicationName = app;
        b.Pooling = false;
    }

    private static void ApplyKeywords(NpgsqlConnectionStringBuilder b, string text)
    {
        var pairs = KeywordPairs(text);
        var hasPassword = pairs.Any(p => p.Key.Equals("password", StringComparison.OrdinalIgnoreCase));
        for (var i = 0; i < pairs.Count; i++) Apply(b, pairs[i].Key, pairs[i].Value, i + 1, hasPassword);
    }

    private static void Apply(NpgsqlConnectionStringBuilder b, string key, string value, int position, bool hasPassword)
    {
        if (LibpqToNpgsql.TryGetValue(key, out var npgsqlKey)) key = npgsqlKey;
        if (!IsKeyword(b, key))
        {
            // Never name the key when the string holds a password: after an unquoted password with a space, the "key"
            // is the password's second half.
            throw new FormatException(hasPassword
                ? $"unknown connection keyword (word {position}); a value with spaces must be quoted: password='...'"
                : $"unknown connection keyword \"{key}\"");
        }
        if (key.Equals("Port", StringComparison.OrdinalIgnoreCase))
        {
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
                throw new FormatException($"port {(value.Length <= 10 ? value : value[..10] + "…")} is out of range (1-65535)");
            b.Port = port;
            return;
        }
        try { b[key] = value; } // Npgsql's own keywords (Host=...;Username=...) too
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new FormatException($"the value of \"{key}\" is not valid");
        }
    }

    private static bool IsKeyword(NpgsqlConnectionStringBuilder b, string key)
    {
        try { return b.ContainsKey(key); }
        catch (ArgumentException) { return false; }
    }

    /// <summary>
    /// libpq's `key=value key='quoted value'` (backslash escapes), or Npgsql's `Key=Value;Key="quoted"` when a ';' appears
    /// outside quotes. The value is never part of an error message.
    /// </summary>
    private static List<(string Key, string Value)> KeywordPairs(string text)
    {
        var npgsqlStyle = SemicolonOutsideQuotes(text);
        var pairs = new List<(string, string)>();
        var i = 0;
        var position = 0;
        while (true)
        {
            while (i < text.Length && (char.IsWhiteSpace(text[i]) || (npgsqlStyle && text[i] == ';'))) i++;
            if (i >= text.Length) return pairs;
            position++;
            var keyStart = i;
            while (i < text.Length && text[i] != '=' && !char.IsWhiteSpace(text[i]) && !(npgsqlStyle && text[i] == ';')) i++;
            var key = text[keyStart..i];
            while (i < text.Length && text[i] != '=' && char.IsWhiteSpace(text[i])) i++;
            if (i >= text.Length || text[i] != '=' || key.Length == 0)
                throw new FormatException($"word {position} of the connection string is not key=value (a value with spaces must be quoted: password='...')");
            i++;
            while (i < text.Length && char.IsWhiteSpace(text[i]) && !npgsqlStyle) i++;
            var value = new StringBuilder();
            if (i < text.Length && (text[i] == '\'' || (npgsqlStyle && text[i] == '"')))
            {
                var quote = text[i++];
                var closed = false;
                while (i < text.Length)
                {
                    var c = text[i++];
                    if (!npgsqlStyle && c == '\\' && i < text.Length) { value.Append(text[i++]); continue; }
                    if (c == quote)
                    {
                        if (npgsqlStyle && i < text.Length && text[i] == quote) { value.Append(quote); i++; continue; }
                        closed = true;
                        break;
                    }
                    value.Append(c);
                }
                if (!closed) throw new FormatException($"the quoted value of \"{key}\" is not closed");
            }
            else
            {
                while (i < text.Length && !(npgsqlStyle ? text[i] == ';' : char.IsWhiteSpace(text[i])))
                {
                    if (!npgsqlStyle && text[i] == '\\' && i + 1 < text.Length) i++;
                    value.Append(text[i++]);
                }
            }
            pairs.Add((key.Trim(), npgsqlStyle ? value.ToString().Trim() : value.ToString()));
        }
    }

    private static bool SemicolonOutsideQuotes(string text)
    {
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is { } q) { if (c == '\\' && q == '\'') i++; else if (c == q) quote = null; }
            else if (c is '\'' or '"') quote = c;
            else if (c == ';') return true;
        }
        return false;
    }

    // System.Uri rejects libpq's empty host (postgresql://user@/db?host=/socket/dir), so split it by hand.
    private static readonly System.Text.RegularExpressions.Regex UriShape = new(
        @"^postgres(?:ql)?://(?:(?<user>[^:@/]*)(?::(?<password>[^@/]*))?@)?(?<host>\[[^\]]*\]|[^:/?]*)(?::(?<port>\d+))?(?:/(?<db>[^?]*))?(?:\?(?<query>.*))?$",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    private static void ApplyUri(NpgsqlConnectionStringBuilder b, string text)
    {
        var m = UriShape.Match(text);
        if (!m.Success)
            throw new FormatException("not a postgresql:// URI (postgresql://user:password@host:port/database, with special characters %-escaped)");
        static string Unescape(string s) => Uri.UnescapeDataString(s);
        if (m.Groups["password"].Success) Secrets.Add(Unescape(m.Groups["password"].Value));
        if (m.Groups["user"].Success && m.Groups["user"].Length > 0) b.Username = Unescape(m.Groups["user"].Value);
        if (m.Groups["password"].Success) b.Password = Unescape(m.Groups["password"].Value);
        if (m.Groups["host"].Length > 0) b.Host = Unescape(m.Groups["host"].Value.Trim('[', ']'));
        if (m.Groups["port"].Success) Apply(b, "port", m.Groups["port"].Value, 0, hasPassword: true);
        if (m.Groups["db"].Length > 0) b.Database = Unescape(m.Groups["db"].Value);
        if (m.Groups["query"].Length == 0) return;
        var parameters = m.Groups["query"].Value.Split('&', StringSplitOptions.RemoveEmptyEntries);
        var hasPassword = m.Groups["password"].Success || parameters.Any(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase));
        for (var i = 0; i < parameters.Length; i++)
        {
            var eq = parameters[i].IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new FormatException($"URI parameter {i + 1} is not key=value");
            Apply(b, Unescape(parameters[i][..eq]), Unescape(parameters[i][(eq + 1)..]), i + 1, hasPassword);
        }
    }

    /// <summary>host:port/database, never the password.</summary>
    public static string Describe(NpgsqlConnectionStringBuilder b) => $"{b.Host}:{b.Port}/{b.Database} as {b.Username}";
}
