using System.Globalization;
using System.Text;
using LabRunner.Psql;

namespace LabRunner.Execution;

/// <summary>
/// psql 15's own catalog queries for \l, \du, \dn, \dt/\d (as `psql -E` shows them) and its layout of \d NAME
/// (columns, indexes, check and foreign-key constraints, referencing tables).
/// </summary>
internal static class Describe
{
    public const string Databases = """
        SELECT d.datname as "Name",
               pg_catalog.pg_get_userbyid(d.datdba) as "Owner",
               pg_catalog.pg_encoding_to_char(d.encoding) as "Encoding",
               d.datcollate as "Collate",
               d.datctype as "Ctype",
               d.daticulocale as "ICU Locale",
               CASE d.datlocprovider WHEN 'c' THEN 'libc' WHEN 'i' THEN 'icu' END AS "Locale Provider",
               pg_catalog.array_to_string(d.datacl, E'\n') AS "Access privileges"
        FROM pg_catalog.pg_database d
        ORDER BY 1;
        """;

    /// <summary>\du [PATTERN] (describeRoles): every role but pg_*, or the roles the pattern names.</summary>
    public static string Roles(string? pattern) => """
        SELECT r.rolname, r.rolsuper, r.rolinherit,
          r.rolcreaterole, r.rolcreatedb, r.rolcanlogin,
          r.rolconnlimit, r.rolvaliduntil,
          ARRAY(SELECT b.rolname
                FROM pg_catalog.pg_auth_members m
                JOIN pg_catalog.pg_roles b ON (m.roleid = b.oid)
                WHERE m.member = r.oid) as memberof
        , r.rolreplication
        , r.rolbypassrls
        FROM pg_catalog.pg_roles r

        """ + (pattern is not null && SplitPattern(pattern).Name is { } name
            ? $"WHERE r.rolname OPERATOR(pg_catalog.~) '^({name})$' COLLATE pg_catalog.default\n"
            : "WHERE r.rolname !~ '^pg_'\n") + "ORDER BY 1;";

    public const string Tablespaces = """
        SELECT spcname AS "Name",
          pg_catalog.pg_get_userbyid(spcowner) AS "Owner",
          pg_catalog.pg_tablespace_location(oid) AS "Location"
        FROM pg_catalog.pg_tablespace
        ORDER BY 1;
        """;

    public const string PublicationList = """
        SELECT pubname AS "Name",
          pg_catalog.pg_get_userbyid(pubowner) AS "Owner",
          puballtables AS "All tables",
          pubinsert AS "Inserts",
          pubupdate AS "Updates",
          pubdelete AS "Deletes",
          pubtruncate AS "Truncates",
          pubviaroot AS "Via root"
        FROM pg_catalog.pg_publication
        ORDER BY 1;
        """;

    /// <summary>describePublications: oid, name, owner, puballtables, the four actions, pubviaroot.</summary>
    public const string Publications = """
        SELECT oid, pubname,
          pg_catalog.pg_get_userbyid(pubowner) AS owner,
          puballtables, pubinsert, pubupdate, pubdelete, pubtruncate, pubviaroot
        FROM pg_catalog.pg_publication
        ORDER BY 2;
        """;

    /// <summary>A publication's tables: schema, table, row filter, column list.</summary>
    public static string PublicationTables(string oid) => $"""
        SELECT n.nspname, c.relname,
          pg_catalog.pg_get_expr(pr.prqual, c.oid),
          (CASE WHEN pr.prattrs IS NOT NULL THEN
             (SELECT string_agg(attname, ', ')
              FROM pg_catalog.generate_series(0, pg_catalog.array_upper(pr.prattrs::pg_catalog.int2[], 1)) s,
                   pg_catalog.pg_attribute
              WHERE attrelid = pr.prrelid AND attnum = prattrs[s])
           ELSE NULL END)
        FROM pg_catalog.pg_class c, pg_catalog.pg_namespace n, pg_catalog.pg_publication_rel pr
        WHERE c.relnamespace = n.oid AND c.oid = pr.prrelid AND pr.prpubid = '{oid}'
        ORDER BY 1,2;
        """;

    public static string Schemas(bool verbose) => verbose
        ? """
          SELECT n.nspname AS "Name",
            pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner",
            pg_catalog.array_to_string(n.nspacl, E'\n') AS "Access privileges",
            pg_catalog.obj_description(n.oid, 'pg_namespace') AS "Description"
          FROM pg_catalog.pg_namespace n
          WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
          ORDER BY 1;
          """
        : """
          SELECT n.nspname AS "Name",
            pg_catalog.pg_get_userbyid(n.nspowner) AS "Owner"
          FROM pg_catalog.pg_namespace n
          WHERE n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'
          ORDER BY 1;
          """;

    /// <summary>listTables: kinds are psql's letters (t tables, v views, m materialized views, i indexes, s sequences, E foreign tables).</summary>
    public static string Relations(string kinds, string? pattern, bool verbose = false)
    {
        var relkinds = new StringBuilder();
        if (kinds.Contains('t')) relkinds.Append("'r','p',");
        if (kinds.Contains('v')) relkinds.Append("'v',");
        if (kinds.Contains('m')) relkinds.Append("'m',");
        if (kinds.Contains('i')) relkinds.Append("'i','I',");
        if (kinds.Contains('s')) relkinds.Append("'S',");
        if (kinds.Contains('E')) relkinds.Append("'f',");
        if (pattern is not null) relkinds.Append("'t','s',");
        var sb = new StringBuilder("""
            SELECT n.nspname as "Schema",
              c.relname as "Name",
              CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 't' THEN 'TOAST table' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END as "Type",
              pg_catalog.pg_get_userbyid(c.relowner) as "Owner"
            """);
        if (kinds.Contains('i')) sb.Append(",\n  c2.relname as \"Table\"");
        if (verbose)
        {
            sb.Append(",\n  CASE c.relpersistence WHEN 'p' THEN 'permanent' WHEN 't' THEN 'temporary' WHEN 'u' THEN 'unlogged' END as \"Persistence\"");
            if (kinds.Contains('t') || kinds.Contains('m') || kinds.Contains('i')) sb.Append(",\n  am.amname as \"Access method\"");
            sb.Append(",\n  pg_catalog.pg_size_pretty(pg_catalog.pg_table_size(c.oid)) as \"Size\"");
            sb.Append(",\n  pg_catalog.obj_description(c.oid, 'pg_class') as \"Description\"");
        }
        sb.Append("""

            FROM pg_catalog.pg_class c
                 LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                 LEFT JOIN pg_catalog.pg_am am ON am.oid = c.relam
            """);
        if (kinds.Contains('i'))
            sb.Append("\n     LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid\n     LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid");
        sb.Append(CultureInfo.InvariantCulture, $"\nWHERE c.relkind IN ({relkinds}'')\n");
        if (pattern is null)
            sb.Append("      AND n.nspname <> 'pg_catalog'\n      AND n.nspname !~ '^pg_toast'\n      AND n.nspname <> 'information_schema'\n");
        sb.Append(NameFilter(pattern, "n.nspname", "c.relname", "pg_catalog.pg_table_is_visible(c.oid)"));
        sb.Append("ORDER BY 1,2;");
        return sb.ToString();
    }

    /// <summary>\dp / \z (permissionsList): table, column and row-security privileges.</summary>
    public static string Privileges(string? pattern) => """
        SELECT n.nspname as "Schema",
          c.relname as "Name",
          CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' WHEN 'p' THEN 'partitioned table' END as "Type",
          pg_catalog.array_to_string(c.relacl, E'\n') AS "Access privileges",
          pg_catalog.array_to_string(ARRAY(
            SELECT attname || E':\n  ' || pg_catalog.array_to_string(attacl, E'\n  ')
            FROM pg_catalog.pg_attribute a
            WHERE attrelid = c.oid AND NOT attisdropped AND attacl IS NOT NULL
          ), E'\n') AS "Column privileges",
          pg_catalog.array_to_string(ARRAY(
            SELECT polname
            || CASE WHEN NOT polpermissive THEN E' (RESTRICTIVE)' ELSE '' END
            || CASE WHEN polcmd != '*' THEN E' (' || polcmd::pg_catalog.text || E'):' ELSE E':' END
            || CASE WHEN polqual IS NOT NULL THEN E'\n  (u): ' || pg_catalog.pg_get_expr(polqual, polrelid) ELSE E'' END
            || CASE WHEN polwithcheck IS NOT NULL THEN E'\n  (c): ' || pg_catalog.pg_get_expr(polwithcheck, polrelid) ELSE E'' END
            || CASE WHEN polroles <> '{0}' THEN
                   E'\n  to: ' || pg_catalog.array_to_string(
                       ARRAY(SELECT rolname FROM pg_catalog.pg_roles WHERE oid = ANY (polroles) ORDER BY 1), E', ')
               ELSE E'' END
            FROM pg_catalog.pg_policy pol
            WHERE polrelid = c.oid), E'\n')
            AS "Policies"
        FROM pg_catalog.pg_class c
             LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
        WHERE c.relkind IN ('r','v','m','S','f','p')

        """ + NameFilter(pattern, "n.nspname", "c.relname", "n.nspname !~ '^pg_' AND pg_catalog.pg_table_is_visible(c.oid)") + "ORDER BY 1, 2;";

    public static string Lookup(string pattern) =>
        "SELECT c.oid,\n  n.nspname,\n  c.relname\nFROM pg_catalog.pg_class c\n     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace\nWHERE true\n" +
        NameFilter(pattern, "n.nspname", "c.relname", "pg_catalog.pg_table_is_visible(c.oid)") + "ORDER BY 2, 3;";

    /// <summary>processSQLNamePattern, simplified: [schema.]name, unquoted parts lower-cased, * and ? wildcards.</summary>
    private static string NameFilter(string? pattern, string schemaColumn, string nameColumn, string visible)
    {
        if (pattern is null) return $"  AND {visible}\n";
        var (schema, name) = SplitPattern(pattern);
        var sb = new StringBuilder();
        if (name is not null) sb.Append(CultureInfo.InvariantCulture, $"  AND {nameColumn} OPERATOR(pg_catalog.~) '^({name})$' COLLATE pg_catalog.default\n");
        if (schema is not null) sb.Append(CultureInfo.InvariantCulture, $"  AND {schemaColumn} OPERATOR(pg_catalog.~) '^({schema})$' COLLATE pg_catalog.default\n");
        else sb.Append(CultureInfo.InvariantCulture, $"  AND {visible}\n");
        return sb.ToString();
    }

    private static (string? Schema, string? Name) SplitPattern(string pattern)
    {
        var parts = new List<StringBuilder> { new() };
        var quoted = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '"')
            {
                if (quoted && i + 1 < pattern.Length && pattern[i + 1] == '"') { parts[^1].Append('"'); i++; }
                else quoted = !quoted;
            }
            else if (!quoted && c == '.') parts.Add(new StringBuilder());
            else if (!quoted && c == '*') parts[^1].Append(".*");
            else if (!quoted && c == '?') parts[^1].Append('.');
            else if ("|()[]{}^$+\\".Contains(c) || (quoted && c is '*' or '?' or '.')) parts[^1].Append('\\').Append(c);
            else if (c == '\'') parts[^1].Append("''");
            else parts[^1].Append(quoted ? c : char.ToLowerInvariant(c));
        }
        string? Part(StringBuilder b) => b.Length == 0 || b.ToString() == ".*" ? null : b.ToString();
        return parts.Count == 1 ? (null, Part(parts[0])) : (Part(parts[^2]), Part(parts[^1]));
    }

    public static string RoleAttributes(IReadOnlyList<string?> r)
    {
        var sb = new StringBuilder();
        void Add(string s) { if (sb.Length > 0) sb.Append(", "); sb.Append(s); }
        if (r[1] == "t") Add("Superuser");
        if (r[2] != "t") Add("No inheritance");
        if (r[3] == "t") Add("Create role");
        if (r[4] == "t") Add("Create DB");
        if (r[5] != "t") Add("Cannot login");
        if (r[9] == "t") Add("Replication");
        if (r[10] == "t") Add("Bypass RLS");
        var conns = int.Parse(r[6] ?? "-1", System.Globalization.CultureInfo.InvariantCulture);
        if (conns >= 0)
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append(conns == 0 ? "No connections" : conns == 1 ? "1 connection" : $"{conns} connections");
        }
        if (!string.IsNullOrEmpty(r[7]))
        {
            if (sb.Length > 0) sb.Append('\n');
            sb.Append("Password valid until ").Append(r[7]);
        }
        return sb.ToString();
    }

    /// <summary>
    /// \d NAME / \d+ NAME for one relation (tables, partitioned tables, views, materialized views; other kinds get the
    /// column list only). <paramref name="say"/> gives psql's words in the lab's language (footers built from a format).
    /// </summary>
    public static async Task<ResultSet?> RelationAsync(Func<string, Task<ResultSet?>> query, string oid, string schema, string name,
        bool verbose, Func<string, string> say)
    {
        var info = await query($"SELECT c.relkind, c.relpersistence FROM pg_catalog.pg_class c WHERE c.oid = '{oid}';");
        if (info is null || info.Rows.Count == 0) return null;
        var kind = info.Rows[0][0];
        var unlogged = info.Rows[0][1] == "u";
        var title = kind switch
        {
            "r" => unlogged ? "Unlogged table" : "Table",
            "p" => "Partitioned table",
            "v" => "View",
            "m" => "Materialized view",
            "S" => "Sequence",
            "i" => "Index",
            "I" => "Partitioned index",
            "f" => "Foreign table",
            "t" => "TOAST table",
            "c" => "Composite type",
            _ => "Relation",
        } + $" \"{schema}.{name}\"";

        var cols = await query($"""
            SELECT a.attname,
              pg_catalog.format_type(a.atttypid, a.atttypmod),
              (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid, true)
               FROM pg_catalog.pg_attrdef d
               WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND a.atthasdef),
              a.attnotnull,
              (SELECT c.collname FROM pg_catalog.pg_collation c, pg_catalog.pg_type t
               WHERE c.oid = a.attcollation AND t.oid = a.atttypid AND a.attcollation <> t.typcollation) AS attcollation,
              a.attidentity,
              a.attgenerated,
              a.attstorage,
              a.attcompression AS attcompression,
              CASE WHEN a.attstattarget=-1 THEN NULL ELSE a.attstattarget END AS attstattarget,
              pg_catalog.col_description(a.attrelid, a.attnum)
            FROM pg_catalog.pg_attribute a
            WHERE a.attrelid = '{oid}' AND a.attnum > 0 AND NOT a.attisdropped
            ORDER BY a.attnum;
            """);
        if (cols is null) return null;
        var columns = new List<ResultColumn> { new("Column", "name", false), new("Type", "text", false), new("Collation", "name", false), new("Nullable", "text", false), new("Default", "text", false) };
        var shown = VerboseColumns(kind, verbose);
        columns.AddRange(shown.Select(v => new ResultColumn(v.Name, "text", false)));
        var rows = cols.Rows.Select(c => (IReadOnlyList<string?>)new List<string?> { c[0], c[1], c[4] ?? "", c[3] == "t" ? "not null" : "", DefaultText(c) }
            .Concat(shown.Select(v => v.Cell(c))).ToList()).ToList();
        var footers = new List<string>();
        if (kind is "r" or "p")
        {
            var parent = await query($"""
                SELECT inhparent::pg_catalog.regclass,
                  pg_catalog.pg_get_expr(c.relpartbound, c.oid),
                  inhdetachpending,
                  pg_catalog.pg_get_partition_constraintdef('{oid}'::pg_catalog.oid)
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_inherits i ON c.oid = inhrelid
                WHERE c.oid = '{oid}' AND c.relispartition;
                """);
            if (parent is { RowCount: > 0 })
            {
                var p = parent.Rows[0];
                footers.Add(Format(say("Partition of: %s %s%s"), p[0], p[1], p[2] == "t" ? " DETACH PENDING" : ""));
                if (verbose) footers.Add(p[3] is { } constraint ? Format(say("Partition constraint: %s"), constraint) : say("No partition constraint"));
            }
        }
        if (kind == "p")
        {
            var key = await query($"SELECT pg_catalog.pg_get_partkeydef('{oid}'::pg_catalog.oid);");
            if (key is { RowCount: > 0 }) footers.Add(Format(say("Partition key: %s"), key.Rows[0][0]));
        }
        if (kind is "r" or "p" or "m")
        {
            var indexes = await query($"""
                SELECT c2.relname, i.indisprimary, i.indisunique, i.indisclustered, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid, 0, true),
                  pg_catalog.pg_get_constraintdef(con.oid, true), contype, condeferrable, condeferred, i.indisreplident, c2.reltablespace
                FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i
                  LEFT JOIN pg_catalog.pg_constraint con ON (conrelid = i.indrelid AND conindid = i.indexrelid AND contype IN ('p','u','x'))
                WHERE c.oid = '{oid}' AND c.oid = i.indrelid AND i.indexrelid = c2.oid
                ORDER BY i.indisprimary DESC, c2.relname;
                """);
            if (indexes is { RowCount: > 0 })
            {
                footers.Add("Indexes:");
                foreach (var ix in indexes.Rows) footers.Add(IndexLine(ix));
            }
            var checks = await query($"SELECT r.conname, pg_catalog.pg_get_constraintdef(r.oid, true)\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{oid}' AND r.contype = 'c'\nORDER BY 1;");
            if (checks is { RowCount: > 0 })
            {
                footers.Add("Check constraints:");
                foreach (var c in checks.Rows) footers.Add($"    \"{c[0]}\" {c[1]}");
            }
            var fks = await query($"SELECT conname, pg_catalog.pg_get_constraintdef(r.oid, true) as condef\nFROM pg_catalog.pg_constraint r\nWHERE r.conrelid = '{oid}' AND r.contype = 'f' AND conparentid = 0\nORDER BY conname;");
            if (fks is { RowCount: > 0 })
            {
                footers.Add("Foreign-key constraints:");
                foreach (var f in fks.Rows) footers.Add($"    \"{f[0]}\" {f[1]}");
            }
            var refs = await query($"""
                SELECT conname, conrelid::pg_catalog.regclass AS ontable,
                       pg_catalog.pg_get_constraintdef(oid, true) AS condef
                FROM pg_catalog.pg_constraint c
                WHERE confrelid IN (SELECT pg_catalog.pg_partition_ancestors('{oid}')
                                    UNION ALL VALUES ('{oid}'::pg_catalog.regclass))
                      AND contype = 'f' AND conparentid = 0
                ORDER BY conname;
                """);
            if (refs is { RowCount: > 0 })
            {
                footers.Add("Referenced by:");
                foreach (var r in refs.Rows) footers.Add($"    TABLE \"{r[1]}\" CONSTRAINT \"{r[0]}\" {r[2]}");
            }
        }
        if (verbose && kind is "v" or "m")
        {
            var definition = await query($"SELECT pg_catalog.pg_get_viewdef('{oid}'::pg_catalog.oid, true);");
            if (definition is { RowCount: > 0 } && definition.Rows[0][0] is { } text)
            {
                footers.Add(say("View definition:"));
                footers.AddRange(text.Split('\n'));
            }
        }
        if (kind is "r" or "p" or "v" or "f") await TriggersAsync(query, oid, footers);
        if (kind is "r" or "p")
        {
            var parents = await query($"""
                SELECT c.oid::pg_catalog.regclass
                FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
                WHERE c.oid = i.inhparent AND i.inhrelid = '{oid}'
                  AND c.relkind != 'p' AND c.relkind != 'I'
                ORDER BY inhseqno;
                """);
            if (parents is { RowCount: > 0 })
            {
                var heading = say("Inherits");
                for (var i = 0; i < parents.Rows.Count; i++)
                    footers.Add((i == 0 ? $"{heading}: " : new string(' ', DisplayWidth.MaxWidth(heading)) + "  ") + parents.Rows[i][0]
                        + (i < parents.Rows.Count - 1 ? "," : ""));
            }
            await ChildrenAsync(query, oid, kind == "p", verbose, say, footers);
        }
        if (verbose && kind is "r" or "m")
        {
            var am = await query($"SELECT am.amname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_am am ON c.relam = am.oid WHERE c.oid = '{oid}';");
            if (am is { RowCount: > 0 }) footers.Add(Format(say("Access method: %s"), am.Rows[0][0]));
        }
        return new ResultSet(columns, rows, rows.Count, RowHash.Of(rows)) { Title = title, Footers = footers };
    }

    /// <summary>Triggers in psql's categories (enabled, disabled user, disabled internal, always, replica only), each as its definition after "TRIGGER".</summary>
    private static async Task TriggersAsync(Func<string, Task<ResultSet?>> query, string oid, List<string> footers)
    {
        var triggers = await query($"""
            SELECT t.tgname, pg_catalog.pg_get_triggerdef(t.oid, true), t.tgenabled, t.tgisinternal,
              CASE WHEN t.tgparentid != 0 THEN
                (SELECT u.tgrelid::pg_catalog.regclass
                 FROM pg_catalog.pg_trigger AS u,
                      pg_catalog.pg_partition_ancestors(t.tgrelid) WITH ORDINALITY AS a(relid, depth)
                 WHERE u.tgname = t.tgname AND u.tgrelid = a.relid
                       AND u.tgparentid = 0
                 ORDER BY a.depth LIMIT 1)
              END AS parent
            FROM pg_catalog.pg_trigger t
            WHERE t.tgrelid = '{oid}' AND (NOT t.tgisinternal OR (t.tgisinternal AND t.tgenabled = 'D'))
            ORDER BY 1;
            """);
        if (triggers is not { RowCount: > 0 }) return;
        string[] headings = ["Triggers:", "Disabled user triggers:", "Disabled internal triggers:", "Triggers firing always:", "Triggers firing on replica only:"];
        for (var category = 0; category < headings.Length; category++)
        {
            var first = true;
            foreach (var t in triggers.Rows)
            {
                var (enabled, internalTrigger) = (t[2], t[3] == "t");
                var listed = category switch
                {
                    0 => enabled == "O",
                    1 => enabled == "D" && !internalTrigger,
                    2 => enabled == "D" && internalTrigger,
                    3 => enabled == "A",
                    _ => enabled == "R",
                };
                if (!listed) continue;
                if (first) footers.Add(headings[category]);
                first = false;
                var definition = t[1] ?? "";
                var at = definition.IndexOf(" TRIGGER ", StringComparison.Ordinal);
                if (at >= 0) definition = definition[(at + 9)..];
                footers.Add("    " + definition + (t[4] is { } parent ? $", ON TABLE {parent}" : ""));
            }
        }
    }

    /// <summary>The columns \d+ adds for a relation kind, and how each reads a row of the column query.</summary>
    private static List<(string Name, Func<IReadOnlyList<string?>, string?> Cell)> VerboseColumns(string? kind, bool verbose)
    {
        var list = new List<(string, Func<IReadOnlyList<string?>, string?>)>();
        if (!verbose) return list;
        if (kind is "r" or "p" or "m" or "v" or "i" or "I" or "f" or "c")
            list.Add(("Storage", c => c[7] switch { "p" => "plain", "m" => "main", "x" => "extended", "e" => "external", _ => "???" }));
        if (kind is "r" or "p" or "m")
            list.Add(("Compression", c => c[8] switch { "p" => "pglz", "l" => "lz4", _ => "" }));
        if (kind is "r" or "i" or "I" or "m" or "f" or "p")
            list.Add(("Stats target", c => c[9] ?? ""));
        if (kind is "r" or "v" or "m" or "f" or "c" or "p")
            list.Add(("Description", c => c[10] ?? ""));
        return list;
    }

    /// <summary>Partitions (or inherited children): a count, or under \d+ one line each with its bound.</summary>
    private static async Task ChildrenAsync(Func<string, Task<ResultSet?>> query, string oid, bool partitioned, bool verbose,
        Func<string, string> say, List<string> footers)
    {
        var children = await query($"""
            SELECT c.oid::pg_catalog.regclass, c.relkind, inhdetachpending, pg_catalog.pg_get_expr(c.relpartbound, c.oid)
            FROM pg_catalog.pg_class c, pg_catalog.pg_inherits i
            WHERE c.oid = i.inhrelid AND i.inhparent = '{oid}'
            ORDER BY pg_catalog.pg_get_expr(c.relpartbound, c.oid) = 'DEFAULT', c.oid::pg_catalog.regclass::pg_catalog.text;
            """);
        if (children is null) return;
        var count = children.RowCount.ToString(CultureInfo.InvariantCulture);
        if (partitioned && children.RowCount == 0)
        {
            footers.Add(Format(say("Number of partitions: %d"), "0"));
            return;
        }
        if (children.RowCount == 0) return;
        if (!verbose)
        {
            footers.Add(Format(say(partitioned ? "Number of partitions: %d (Use \\d+ to list them.)" : "Number of child tables: %d (Use \\d+ to list them.)"), count));
            return;
        }
        var heading = say(partitioned ? "Partitions" : "Child tables");
        for (var i = 0; i < children.Rows.Count; i++)
        {
            var child = children.Rows[i];
            var line = new StringBuilder(i == 0 ? $"{heading}: {child[0]}" : new string(' ', DisplayWidth.MaxWidth(heading)) + "  " + child[0]);
            if (child[3] is { } bound) line.Append(' ').Append(bound);
            if (child[1] is "p" or "I") line.Append(", PARTITIONED");
            else if (child[1] == "f") line.Append(", FOREIGN");
            if (child[2] == "t") line.Append(" (DETACH PENDING)");
            if (i < children.Rows.Count - 1) line.Append(',');
            footers.Add(line.ToString());
        }
    }

    /// <summary>psql's printf formats: each %s or %d in turn.</summary>
    private static string Format(string format, params string?[] values)
    {
        var sb = new StringBuilder();
        var k = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] == '%' && i + 1 < format.Length && format[i + 1] is 's' or 'd')
            {
                sb.Append(k < values.Length ? values[k] : "");
                k++;
                i++;
            }
            else sb.Append(format[i]);
        }
        return sb.ToString();
    }

    private static string DefaultText(IReadOnlyList<string?> c) => (c[5], c[6]) switch
    {
        ("a", _) => "generated always as identity",
        ("d", _) => "generated by default as identity",
        (_, "s") => $"generated always as ({c[2]}) stored",
        _ => c[2] ?? "",
    };

    private static string IndexLine(IReadOnlyList<string?> ix)
    {
        var sb = new StringBuilder($"    \"{ix[0]}\"");
        if (ix[7] == "x")
        {
            sb.Append(' ').Append(ix[6]);
        }
        else
        {
            if (ix[1] == "t") sb.Append(" PRIMARY KEY,");
            else if (ix[2] == "t") sb.Append(ix[7] == "u" ? " UNIQUE CONSTRAINT," : " UNIQUE,");
            var def = ix[5] ?? "";
            var usingPos = def.IndexOf(" USING ", StringComparison.Ordinal);
            if (usingPos >= 0) def = def[(usingPos + 7)..];
            sb.Append(' ').Append(def);
            if (ix[8] == "t") sb.Append(" DEFERRABLE");
            if (ix[9] == "t") sb.Append(" INITIALLY DEFERRED");
        }
        if (ix[3] == "t") sb.Append(" CLUSTER");
        if (ix[4] != "t") sb.Append(" INVALID");
        if (ix[10] == "t") sb.Append(" REPLICA IDENTITY");
        return sb.ToString();
    }
}
