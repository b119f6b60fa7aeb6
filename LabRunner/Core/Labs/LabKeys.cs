namespace LabRunner.Labs;

/// <summary>
/// Every key the YAML loader accepts, per kind of mapping. The loader checks unknown keys against this table, the JSON
/// schemas (Labs/lab.schema.json, Labs/catalog.schema.json) must list exactly these (a test compares them), and the
/// Markdown engineer's YAML emitter can use the names.
/// </summary>
public static class LabKeys
{
    public const string Lab = "lab";
    public const string Image = "image";
    public const string Server = "server";
    public const string Task = "task";
    /// <summary>Steps and checks share this shape.</summary>
    public const string Step = "step";
    public const string Variant = "variant";
    /// <summary>A server the lab declares besides main (server.servers).</summary>
    public const string LabServer = "lab_server";
    /// <summary>An edit step's file and lines.</summary>
    public const string Edit = "edit";
    /// <summary>new_server / start_server written as a mapping.</summary>
    public const string ServerStep = "server_step";
    /// <summary>A SQL step's login as another role over TCP.</summary>
    public const string Login = "login";
    public const string Expect = "expect";
    public const string Eventually = "eventually";
    public const string Watch = "watch";
    /// <summary>A matcher written as a mapping: { tolerance: 1% } or { regex: "..." }.</summary>
    public const string Matcher = "matcher";
    public const string Catalog = "catalog";
    public const string CatalogEntry = "catalog_entry";

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ByKind { get; } = new Dictionary<string, IReadOnlyList<string>>
    {
        [Lab] = ["id", "title", "language", "duration", "objectives", "introduction", "help", "images", "server", "variables", "feedback", "tasks"],
        [Image] = ["path", "alt", "external"],
        [Server] = ["versions", "database", "settings", "wal_archive", "tools", "setup", "teardown", "servers"],
        [LabServer] = ["name", "port", "made_by_lab"],
        [Task] = ["id", "title", "text", "points", "needs", "steps", "checks"],
        [Step] = ["id", "title", "text", "sql", "shell", "file", "content", "manual", "edit", "new_server", "start_server", "stop_server", "server", "input", "session", "database", "login", "variants", "hint", "timeout", "background", "capture", "points", "expect"],
        [Edit] = ["file", "lines"],
        [ServerStep] = ["name", "port", "data_directory"],
        [Login] = ["user", "host", "port", "password"],
        [Variant] = ["versions", "sql", "shell"],
        [Expect] = ["panel", "columns", "rows", "match", "ordered", "subset", "eventually", "watch", "error", "exit_code", "output_contains", "output_matches", "row_count", "prose"],
        [Eventually] = ["within", "every"],
        [Watch] = ["series", "marker", "threshold"],
        [Matcher] = ["tolerance", "regex"],
        [Catalog] = ["labs"],
        [CatalogEntry] = ["id", "path"],
    };

    /// <summary>Matchers written as a single word: `last_autovacuum: timestamp`.</summary>
    public static IReadOnlyList<string> MatcherNames { get; } =
        ["exact", "any", "not_null", "null", "timestamp", "date", "lsn", "pid", "uuid", "interval", "xid", "tid", "pid_list", "wal_file"];
}
