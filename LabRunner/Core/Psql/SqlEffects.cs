namespace LabRunner.Psql;

/// <summary>
/// Reads a step's SQL the way psql splits it and lists everything each statement may do besides reading: writes,
/// transaction control, session changes, other connections, programs and files on the server's machine. A text filter
/// cannot see inside SQL built at run time, so such SQL (EXECUTE in a DO block, query_to_xml of a computed query) is
/// listed as what it is: <see cref="SqlEffectKind.RunsDynamicSql"/>. Grading refuses a check with any effect; a lab
/// with an effect that <see cref="SqlEffect.NeedsConsent"/> runs only with the user's consent.
/// </summary>
public static class SqlEffects
{
    private static readonly HashSet<string> ReadingMetaCommands = new(StringComparer.Ordinal)
    {
        "x", "echo", "set", "pset", "unset", "encoding", "l", "list", "l+", "list+", "du", "dg", "du+", "dg+", "dn", "dn+",
        "dt", "dt+", "dv", "dv+", "di", "di+", "ds", "ds+", "dm", "dm+", "d", "d+", "dp", "z",
    };

    /// <summary>Every effect of a script (SQL and psql meta-commands) besides reading; empty when it only reads.</summary>
    public static IReadOnlyList<SqlEffect> Of(string script)
    {
        var effects = new List<SqlEffect>();
        foreach (var part in PsqlScanner.Split(script))
        {
            switch (part)
            {
                case SqlStatementPart { IsEmpty: false } statement:
                    new Reader(statement.Line, effects).Statement(SqlTokenizer.Tokenize(statement.Text));
                    break;
                case MetaCommandPart meta when meta.Name is "c" or "connect":
                    effects.Add(new(SqlEffectKind.ChangesConnection, $"\\{meta.Name} connects to another database", meta.Line));
                    break;
                case MetaCommandPart meta when !ReadingMetaCommands.Contains(meta.Name):
                    effects.Add(new(SqlEffectKind.NotARead, $"\\{meta.Name} is not a read", meta.Line));
                    break;
            }
        }
        return effects.Distinct().ToList();
    }

    /// <summary>What a server setting (a lab's server.settings) makes the server do: run a program, load a library — or nothing.</summary>
    public static SqlEffect? OfSetting(string name, int line = 0) =>
        ServerKnowledge.ProgramSettings.TryGetValue(name, out var kind)
            ? new SqlEffect(kind, kind == SqlEffectKind.RunsProgram ? $"{name} makes the server run a program" : $"{name} loads a library into the server", line) { Subject = name }
            : null;

    private sealed class Reader(int line, List<SqlEffect> effects)
    {
        private void Add(SqlEffectKind kind, string reason, string subject = "") => effects.Add(new SqlEffect(kind, reason, line) { Subject = subject });

        public void Statement(IReadOnlyList<SqlToken> t)
        {
            var first = 0;
            while (first < t.Count && t[first].IsSymbol('(')) first++;
            if (first >= t.Count) return;
            var word = t[first].Kind == SqlTokenKind.Word ? t[first].Text : "";
            var shown = word.ToUpperInvariant();
            switch (word)
            {
                case "select" or "values" or "table" or "with":
                    Query(t);
                    break;
                case "show" or "fetch" or "move" or "close":
                    break;
                case "explain":
                    Statement(AfterExplain(t));
                    break;
                case "declare":
                    var @for = IndexOfWord(t, "for", 1);
                    if (@for > 0) Statement(Slice(t, @for + 1, t.Count));
                    break;
                case "set":
                    Set(t);
                    break;
                case "reset":
                    Reset(t);
                    break;
                case "copy":
                    Copy(t);
                    break;
                case "begin" or "start" or "commit" or "end" or "rollback" or "abort" or "savepoint" or "release":
                    Add(SqlEffectKind.ControlsTransaction, $"{shown} controls the transaction");
                    break;
                case "prepare":
                    if (Word(t, 1) == "transaction") Add(SqlEffectKind.ControlsTransaction, "PREPARE TRANSACTION controls the transaction");
                    else Add(SqlEffectKind.NotARead, "PREPARE keeps a statement in the session");
                    break;
                case "alter":
                    Alter(t);
                    break;
                case "create":
                    Create(t);
                    break;
                case "do":
                    Do(t);
                    break;
                case "call":
                    Add(SqlEffectKind.RunsProcedure, "CALL runs a procedure, which may write or commit");
                    break;
                case "load":
                    Add(SqlEffectKind.LoadsServerCode, "LOAD loads a shared library into the server", "LOAD");
                    break;
                case "insert" or "update" or "delete" or "merge" or "truncate":
                    Add(SqlEffectKind.Writes, $"{shown} writes data");
                    break;
                case "drop" or "grant" or "revoke" or "comment" or "security" or "reassign" or "import" or "refresh" or "cluster"
                    or "reindex" or "vacuum" or "analyze" or "analyse" or "lock" or "checkpoint":
                    Add(SqlEffectKind.Writes, $"{shown} changes the database");
                    break;
                default:
                    Add(SqlEffectKind.NotARead, $"{(shown.Length > 0 ? shown : t[first].Text)} is not a read");
                    break;
            }
            Calls(t);
        }

        /// <summary>SELECT / WITH / VALUES / TABLE: a read, unless it creates a table, modifies data in a WITH, or locks rows.</summary>
        private void Query(IReadOnlyList<SqlToken> t)
        {
            var depth = 0;
            for (var k = 0; k < t.Count; k++)
            {
                if (t[k].IsSymbol('(')) { depth++; continue; }
                if (t[k].IsSymbol(')')) { depth--; continue; }
                if (t[k].Kind != SqlTokenKind.Word) continue;
                var before = k > 0 ? Word(t, k - 1) : "";
                switch (t[k].Text)
                {
                    case "into" when depth == 0 && before is not ("insert" or "merge"):
                        Add(SqlEffectKind.Writes, "SELECT … INTO creates a table");
                        break;
                    case "insert" when Word(t, k + 1) == "into":
                    case "merge" when Word(t, k + 1) == "into":
                    case "delete" when Word(t, k + 1) == "from":
                        Add(SqlEffectKind.Writes, $"{t[k].Text.ToUpperInvariant()} inside WITH writes data");
                        break;
                    case "update" when before is not ("for" or "key") && k + 1 < t.Count && t[k + 1].IsName:
                        Add(SqlEffectKind.Writes, "UPDATE inside WITH writes data");
                        break;
                    case "for" when Word(t, k + 1) is "update" or "share" or "no" or "key":
                        Add(SqlEffectKind.Writes, "FOR UPDATE/SHARE locks rows");
                        break;
                }
            }
        }

        private static IReadOnlyList<SqlToken> AfterExplain(IReadOnlyList<SqlToken> t)
        {
            var k = 1;
            if (k < t.Count && t[k].IsSymbol('(')) k = Close(t, k) + 1;
            while (Word(t, k) is "analyze" or "analyse" or "verbose") k++;
            return Slice(t, k, t.Count);
        }

        private void Set(IReadOnlyList<SqlToken> t)
        {
            var k = 1;
            if (Word(t, k) is "session" or "local") k++;
            switch (Word(t, k))
            {
                case "characteristics":
                    Add(SqlEffectKind.ChangesSession, "SET SESSION CHARACTERISTICS changes whether the session's transactions may write");
                    return;
                case "authorization" or "role":
                    Add(SqlEffectKind.ChangesSession, $"SET {(Word(t, k) == "role" ? "ROLE" : "SESSION AUTHORIZATION")} changes the user statements run as");
                    return;
                case "transaction":
                    Add(SqlEffectKind.ChangesSession, "SET TRANSACTION changes whether the transaction may write");
                    return;
                case "constraints":
                    return;
                case "time" when Word(t, k + 1) == "zone":
                    return;
            }
            if (SettingName(t, k) is { } name) Setting(name, "SET");
        }

        private void Reset(IReadOnlyList<SqlToken> t)
        {
            switch (Word(t, 1))
            {
                case "all":
                    Add(SqlEffectKind.ChangesSession, "RESET ALL resets the session's settings, whether it may write included");
                    return;
                case "role" or "session":
                    Add(SqlEffectKind.ChangesSession, "RESET ROLE / SESSION AUTHORIZATION changes the user statements run as");
                    return;
            }
            if (SettingName(t, 1) is { } name) Setting(name, "RESET");
        }

        private static string? SettingName(IReadOnlyList<SqlToken> t, int k)
        {
            if (k >= t.Count || !t[k].IsName) return null;
            var name = t[k].Text;
            if (k + 2 < t.Count && t[k + 1].IsSymbol('.') && t[k + 2].IsName) name += "." + t[k + 2].Text;
            return name;
        }

        private void Setting(string name, string verb)
        {
            if (ServerKnowledge.GuardedSettings.TryGetValue(name.ToLowerInvariant(), out var why))
                Add(SqlEffectKind.ChangesSession, $"{verb} {name} {why}");
            if (OfSetting(name, line) is { } program) effects.Add(program with { Reason = $"{verb} {program.Reason}", Subject = $"{verb} {program.Subject}" });
        }

        private void Copy(IReadOnlyList<SqlToken> t)
        {
            var depth = 0;
            for (var k = 1; k < t.Count; k++)
            {
                if (t[k].IsSymbol('('))
                {
                    var close = Close(t, k);
                    if (depth == 0 && k == 1) Statement(Slice(t, k + 1, close)); // COPY (query) TO ...: the query's own effects
                    k = close;
                    continue;
                }
                if (t[k].IsSymbol(';')) return;
                var direction = Word(t, k);
                if (direction is not ("to" or "from")) continue;
                var target = k + 1 < t.Count ? t[k + 1] : null;
                var shown = direction.ToUpperInvariant();
                if (target?.Is("program") == true)
                    Add(SqlEffectKind.RunsProgram, $"COPY … {shown} PROGRAM runs a program on the database server", $"COPY … {shown} PROGRAM");
                else if (direction == "from")
                    Add(SqlEffectKind.Writes, "COPY … FROM writes rows into a table");
                else if (target?.Kind == SqlTokenKind.Literal)
                    Add(SqlEffectKind.WritesServerFile, $"COPY … TO '{target.Text}' writes a file on the database server", $"COPY … TO '{target.Text}'");
                return;
            }
        }

        private void Alter(IReadOnlyList<SqlToken> t)
        {
            if (Word(t, 1) == "system")
            {
                Add(SqlEffectKind.Writes, "ALTER SYSTEM changes the server's configuration (postgresql.auto.conf)");
                if (Word(t, 2) == "set" && SettingName(t, 3) is { } name && OfSetting(name, line) is { } program)
                    effects.Add(program with { Reason = $"ALTER SYSTEM SET {program.Reason}", Subject = $"ALTER SYSTEM SET {program.Subject}" });
                return;
            }
            Add(SqlEffectKind.Writes, $"ALTER {Word(t, 1).ToUpperInvariant()} changes the database");
            for (var k = 2; k < t.Count; k++)
                if (t[k].Is("set") && SettingName(t, k + 1) is { } name && OfSetting(name, line) is { } program)
                    effects.Add(program with { Reason = $"ALTER … SET {program.Reason}", Subject = $"ALTER … SET {program.Subject}" });
        }

        private void Create(IReadOnlyList<SqlToken> t)
        {
            var k = 1;
            while (Word(t, k) is "or" or "replace" or "temp" or "temporary" or "unlogged" or "trusted" or "procedural" or "global"
                   or "local" or "constraint" or "recursive" or "unique" or "materialized" or "default") k++;
            var what = Word(t, k);
            Add(SqlEffectKind.Writes, $"CREATE {what.ToUpperInvariant()} changes the database");
            switch (what)
            {
                case "extension" or "language":
                    var n = k + 1;
                    while (Word(t, n) is "if" or "not" or "exists") n++;
                    if (n >= t.Count) return;
                    var name = t[n].Text;
                    if (ServerKnowledge.UntrustedLanguages.Contains(name))
                        Add(SqlEffectKind.RunsProgram, $"CREATE {what.ToUpperInvariant()} {name} installs a language whose code can run programs on the server", $"CREATE {what.ToUpperInvariant()} {name}");
                    else if (what == "extension" && name.Equals("adminpack", StringComparison.OrdinalIgnoreCase))
                        Add(SqlEffectKind.WritesServerFile, "CREATE EXTENSION adminpack adds functions that write files on the server", "CREATE EXTENSION adminpack");
                    break;
                case "function" or "procedure":
                    Routine(t, $"a {what} whose body");
                    break;
                case "server" or "foreign":
                    if (t.Any(x => x.Is("program") || (x.Kind == SqlTokenKind.QuotedName && x.Text == "program")))
                        Add(SqlEffectKind.RunsProgram, "a foreign table that reads a program's output runs that program on the server", "FOREIGN TABLE … OPTIONS (program …)");
                    break;
            }
        }

        private void Routine(IReadOnlyList<SqlToken> t, string what)
        {
            var language = LanguageOf(t) ?? "sql";
            if (language == "c")
            {
                Add(SqlEffectKind.LoadsServerCode, "a C function loads native code into the server", "LANGUAGE C");
                return;
            }
            if (ServerKnowledge.UntrustedLanguages.Contains(language))
            {
                Add(SqlEffectKind.RunsProgram, $"a {language} function can run programs on the server", $"LANGUAGE {language}");
                return;
            }
            var @as = IndexOfWord(t, "as", 1);
            if (@as > 0 && @as + 1 < t.Count && t[@as + 1].Kind == SqlTokenKind.Literal) Code(t[@as + 1].Text, what);
        }

        private void Do(IReadOnlyList<SqlToken> t)
        {
            Add(SqlEffectKind.RunsProcedure, "DO runs procedural code");
            var language = LanguageOf(t) ?? "plpgsql";
            if (ServerKnowledge.UntrustedLanguages.Contains(language))
            {
                Add(SqlEffectKind.RunsProgram, $"DO in {language} runs code that can run programs on the server", $"DO … LANGUAGE {language}");
                return;
            }
            if (t.FirstOrDefault(x => x.Kind == SqlTokenKind.Literal) is { } body) Code(body.Text, "the DO block");
        }

        /// <summary>A procedural body: dynamic SQL, and the static statements a text filter can still read.</summary>
        private void Code(string body, string what)
        {
            var inner = SqlTokenizer.Tokenize(body);
            if (inner.Any(x => x.Is("execute")))
                Add(SqlEffectKind.RunsDynamicSql, $"{what} EXECUTEs SQL built at run time, which no filter can see through", $"{what} … EXECUTE");
            for (var k = 0; k < inner.Count; k++)
            {
                if (!inner[k].Is("copy")) continue;
                var end = k + 1;
                while (end < inner.Count && !inner[end].IsSymbol(';')) end++;
                Copy(Slice(inner, k, end));
            }
            Calls(inner);
        }

        private static string? LanguageOf(IReadOnlyList<SqlToken> t)
        {
            var k = IndexOfWord(t, "language", 1);
            return k > 0 && k + 1 < t.Count ? t[k + 1].Text.ToLowerInvariant() : null;
        }

        /// <summary>Function calls whose effect is known: writes, files, SQL given as text, other connections, settings.</summary>
        private void Calls(IReadOnlyList<SqlToken> t)
        {
            for (var k = 0; k + 1 < t.Count; k++)
            {
                if (!t[k].IsName || !t[k + 1].IsSymbol('(')) continue;
                var name = t[k].Text;
                if (ServerKnowledge.WritingFunctions.TryGetValue(name, out var why)) Add(SqlEffectKind.Writes, $"{name}() {why}");
                else if (ServerKnowledge.FileWritingFunctions.Contains(name)) Add(SqlEffectKind.WritesServerFile, $"{name}() writes a file on the database server", $"{name}()");
                else if (name == "lo_export") LoExport(Arguments(t, k + 1));
                else if (name == "set_config") SetConfig(Arguments(t, k + 1));
                else if (ServerKnowledge.QueryTextFunctions.Contains(name)) QueryText(name, Arguments(t, k + 1).FirstOrDefault());
                else if (ServerKnowledge.IsDblink(name))
                {
                    Add(SqlEffectKind.ChangesConnection, $"{name}() connects to another database");
                    var args = Arguments(t, k + 1);
                    if (name is "dblink" or "dblink_exec" or "dblink_send_query" or "dblink_open") QueryText(name, args.LastOrDefault());
                }
            }
        }

        private void LoExport(List<List<SqlToken>> args)
        {
            var path = Literal(args.ElementAtOrDefault(1));
            if (path is not null && !path.StartsWith('/'))
                Add(SqlEffectKind.Writes, "lo_export() writes a file in the server's data directory");
            else
                Add(SqlEffectKind.WritesServerFile, path is null
                    ? "lo_export() writes a file on the database server, to a path computed at run time"
                    : $"lo_export() writes '{path}' on the database server", path is null ? "lo_export()" : $"lo_export(…, '{path}')");
        }

        private void SetConfig(List<List<SqlToken>> args)
        {
            if (Literal(args.FirstOrDefault()) is { } setting) Setting(setting, "set_config()");
            else Add(SqlEffectKind.ChangesSession, "set_config() of a setting named at run time");
        }

        private void QueryText(string function, List<SqlToken>? argument)
        {
            if (Literal(argument) is { } sql)
                effects.AddRange(Of(sql).Select(e => e with { Line = line, Reason = $"{function}(): {e.Reason}", Subject = $"{function}(): {e.Subject}" }));
            else
                Add(SqlEffectKind.RunsDynamicSql, $"{function}() runs SQL built at run time, which no filter can see through", $"{function}()");
        }

        /// <summary>A literal argument ('text' or 'text'::type), or null when it is computed.</summary>
        private static string? Literal(List<SqlToken>? arg) =>
            arg is { Count: > 0 } && arg[0].Kind == SqlTokenKind.Literal && (arg.Count == 1 || arg[1].IsSymbol(':')) ? arg[0].Text : null;

        private static List<List<SqlToken>> Arguments(IReadOnlyList<SqlToken> t, int open)
        {
            var args = new List<List<SqlToken>>();
            var current = new List<SqlToken>();
            var depth = 0;
            for (var k = open + 1; k < t.Count; k++)
            {
                if (t[k].IsSymbol('(')) depth++;
                else if (t[k].IsSymbol(')') && depth-- == 0) break;
                else if (t[k].IsSymbol(',') && depth == 0) { args.Add(current); current = []; continue; }
                current.Add(t[k]);
            }
            if (current.Count > 0 || args.Count > 0) args.Add(current);
            return args;
        }

        private static int Close(IReadOnlyList<SqlToken> t, int open)
        {
            var depth = 0;
            for (var k = open; k < t.Count; k++)
            {
                if (t[k].IsSymbol('(')) depth++;
                else if (t[k].IsSymbol(')') && --depth == 0) return k;
            }
            return t.Count;
        }

        private static string Word(IReadOnlyList<SqlToken> t, int k) => k < t.Count && t[k].Kind == SqlTokenKind.Word ? t[k].Text : "";

        private static int IndexOfWord(IReadOnlyList<SqlToken> t, string word, int from)
        {
            for (var k = from; k < t.Count; k++) if (t[k].Is(word)) return k;
            return -1;
        }

        private static List<SqlToken> Slice(IReadOnlyList<SqlToken> t, int from, int to) =>
            t.Skip(from).Take(Math.Max(0, Math.Min(to, t.Count) - from)).ToList();
    }

    /// <summary>"line 3: COPY … TO PROGRAM runs a program on the database server; line 5: …" — for one-line messages.</summary>
    public static string Describe(IEnumerable<SqlEffect> effects) =>
        string.Join("; ", effects.Select(e => e.Line > 0 ? e.ToString() : e.Reason).Distinct());
}
