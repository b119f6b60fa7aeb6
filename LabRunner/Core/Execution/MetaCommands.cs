using LabRunner.Psql;
using Npgsql;

namespace LabRunner.Execution;

/// <summary>
/// The psql meta-commands labs use, with psql's output: \q (the session ends), \x, \c, \d, \dt, \dv, \l, \du, \dn[+], \dp, \echo; \set and
/// \unset (the session's variables), \pset null; \i and \ir (<see cref="IncludeFile"/>), \copy (<see cref="CopyFile"/>); other \pset settings are accepted and ignored. Anything else is
/// reported as psql does.
/// </summary>
internal sealed class MetaCommands(SqlStepRunner run)
{
    private static readonly string[] PublicationColumns = ["Owner", "All tables", "Inserts", "Updates", "Deletes", "Truncates", "Via root"];

    public async Task<bool> RunAsync(MetaCommandPart part)
    {
        var args = part.Arguments;
        switch (part.Name)
        {
            case "x":
                Expanded(args);
                return true;
            case "c" or "connect":
                await ConnectAsync(args);
                return true;
            case "q" or "quit":
                // psql ends: its connection (and transaction, SET, \set) with it; the script stops. The session's next
                // step is a new psql, on the lab's database unless it names another.
                await run.Session.EndAsync();
                return false;
            case "set":
                SetVariable(Arguments(args));
                return true;
            case "unset":
                if (Arguments(args) is [var unset, ..]) run.Session.Variables.Remove(unset);
                return true;
            case "pset":
                DisplaySetting(Arguments(args));
                return true;
            case "encoding":
                return true;
            case "i" or "include" or "ir" or "include_relative":
                return await IncludeFile.RunAsync(run, part, Arguments(args));
            case "copy":
                return await CopyFile.RunAsync(run, part);
            case "echo":
                Echo(Arguments(args));
                return true;
            case "l" or "list" or "l+" or "list+":
                return await ListingAsync(part, Describe.Databases, "List of databases", empty: null);
            case "du" or "dg" or "du+" or "dg+":
                return await RolesAsync(part);
            case "dn":
                return await ListingAsync(part, Describe.Schemas(verbose: false), "List of schemas", empty: null);
            case "dn+":
                return await ListingAsync(part, Describe.Schemas(verbose: true), "List of schemas", empty: null);
            case "dt" or "dt+" or "dv" or "dv+" or "di" or "di+" or "ds" or "ds+" or "dm" or "dm+":
                return await RelationsAsync(part, part.Name.TrimEnd('+')[1..], part.Name.EndsWith('+'));
            case "d" or "d+":
                if (args.Length == 0) return await RelationsAsync(part, "tvmsE", part.Name == "d+");
                return await DescribeAsync(part, args);
            case "dp" or "z":
                return await PrivilegesAsync(part);
            case "db" or "db+":
                return await ListingAsync(part, Describe.Tablespaces, "List of tablespaces", empty: null);
            case "dRp" or "dRp+":
                return part.Name == "dRp+" ? await PublicationsAsync(part) : await ListingAsync(part, Describe.PublicationList, "List of publications", empty: null);
            default:
                Print(part, $"invalid command \\{part.Name}\n");
                return true;
        }
    }

    /// <summary>The arguments as psql reads them, the session's variables interpolated.</summary>
    private IReadOnlyList<string> Arguments(string args) => MetaArguments.Split(args, run.Session.Variable);

    /// <summary>\set NAME [VALUE ...]: the values joined; no value sets an empty string. (\set alone lists psql's variables: not shown.)</summary>
    private void SetVariable(IReadOnlyList<string> args)
    {
        if (args.Count == 0) return;
        run.Session.Variables[args[0]] = string.Concat(args.Skip(1));
    }

    /// <summary>\pset null TEXT is applied (with psql's confirmation); other display settings are accepted and ignored.</summary>
    private void DisplaySetting(IReadOnlyList<string> args)
    {
        if (args is not ["null", ..]) return;
        if (args.Count > 1) run.Session.NullDisplay = args[1];
        Print("pset", run.Messages["Null display is \"%s\".\n"].Replace("%s", run.Session.NullDisplay, StringComparison.Ordinal));
    }

    /// <summary>\echo [-n] WORDS: the words joined by one space (-n first: no newline).</summary>
    private void Echo(IReadOnlyList<string> args)
    {
        var noNewline = args.Count > 0 && args[0] == "-n";
        Print("echo", string.Join(' ', noNewline ? args.Skip(1) : args) + (noNewline ? "" : "\n"));
    }

    private void Expanded(string args)
    {
        var s = run.Session;
        var value = args.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.ToLowerInvariant();
        if (value == "auto")
        {
            // psql expands "automatically" only when a table is wider than the terminal; LabRunner's panes wrap instead.
            s.Expanded = false;
            Print("x", "Expanded display is used automatically.\n");
            return;
        }
        s.Expanded = value switch
        {
            null => !s.Expanded,
            "on" or "true" or "yes" or "1" => true,
            "off" or "false" or "no" or "0" => false,
            _ => s.Expanded,
        };
        Print("x", s.Expanded ? "Expanded display is on.\n" : "Expanded display is off.\n");
    }

    private async Task ConnectAsync(string args)
    {
        var database = Unquote(Arguments(args) is [var first, ..] ? first : "-");
        if (database == "-") database = run.Session.Database ?? run.Target.Database;
        run.ForgetDatabaseSwitch();
        try
        {
            await run.Session.ReconnectAsync(database, run.Token);
            Print("c", $"You are now connected to database \"{database}\" as user \"{run.Session.User}\".\n");
        }
        catch (PostgresException pe)
        {
            Print("c", $"connection to server on {run.Session.ConnectionDescription()} failed: {pe.Severity}:  {pe.MessageText}\nPrevious connection kept\n");
        }
    }

    private void Print(MetaCommandPart part, string text) => Print(part.Name, text);
    private void Print(string name, string text) => run.Add(new MetaCommandOutput(name, text));

    private async Task<bool> ListingAsync(MetaCommandPart part, string sql, string title, string? empty)
    {
        var rs = await QueryAsync(sql);
        if (rs is null) return true;
        if (rs.RowCount == 0 && empty is not null) { Print(part, empty); return true; }
        run.Add(run.Messages.Localise(rs with { Title = title }), run.Session.Expanded);
        return true;
    }

    private async Task<bool> RelationsAsync(MetaCommandPart part, string kinds, bool verbose)
    {
        var pattern = part.Arguments.Length == 0 ? null : part.Arguments.Split(' ')[0];
        var rs = await QueryAsync(Describe.Relations(kinds, pattern, verbose));
        if (rs is null) return true;
        if (rs.RowCount == 0)
        {
            Print(part, pattern is null ? run.Messages["Did not find any relations."] + "\n" : NotFound(pattern));
            return true;
        }
        run.Add(run.Messages.Localise(rs with { Title = "List of relations" }, "Type"), run.Session.Expanded);
        return true;
    }

    /// <summary>\dp [PATTERN]: psql prints the table even when nothing matches.</summary>
    private async Task<bool> PrivilegesAsync(MetaCommandPart part)
    {
        var pattern = Arguments(part.Arguments) is [var first, ..] ? first : null;
        var rs = await QueryAsync(Describe.Privileges(pattern));
        if (rs is null) return true;
        run.Add(run.Messages.Localise(rs with { Title = "Access privileges" }, "Type"), run.Session.Expanded);
        return true;
    }

    private async Task<bool> RolesAsync(MetaCommandPart part)
    {
        var rs = await QueryAsync(Describe.Roles(Arguments(part.Arguments) is [var pattern, ..] ? pattern : null));
        if (rs is null) return true;
        var rows = rs.Rows.Select(r => (IReadOnlyList<string?>)[r[0], Describe.RoleAttributes(r), r[8]]).ToList();
        var table = new ResultSet(
            [new ResultColumn("Role name", "name", false), new ResultColumn("Attributes", "text", false), new ResultColumn("Member of", "name[]", false)],
            rows, rows.Count, RowHash.Of(rows))
        { Title = "List of roles", Footers = [] };
        run.Add(run.Messages.Localise(table, "Attributes"), run.Session.Expanded);
        return true;
    }

    private async Task<bool> DescribeAsync(MetaCommandPart part, string args)
    {
        var pattern = args.Split(' ')[0];
        var found = await QueryAsync(Describe.Lookup(pattern));
        if (found is null) return true;
        if (found.RowCount == 0)
        {
            Print(part, NotFound(pattern));
            return true;
        }
        foreach (var rel in found.Rows)
        {
            var table = await Describe.RelationAsync(QueryAsync, rel[0]!, rel[1]!, rel[2]!, part.Name == "d+", m => run.Messages[m]);
            if (table is not null) run.Add(run.Messages.Localise(table)); // psql shows \d NAME as a table even under \x
        }
        return true;
    }

    private string NotFound(string pattern) => run.Messages["Did not find any relation named \"%s\"."].Replace("%s", pattern, StringComparison.Ordinal) + "\n";

    /// <summary>\dRp+: one table per publication (its flags), its tables as a footer.</summary>
    private async Task<bool> PublicationsAsync(MetaCommandPart part)
    {
        var publications = await QueryAsync(Describe.Publications);
        if (publications is null) return true;
        if (publications.RowCount == 0)
        {
            Print(part, run.Messages["Did not find any publications."] + "\n");
            return true;
        }
        foreach (var p in publications.Rows)
        {
            var footers = new List<string>();
            if (p[3] != "t")
            {
                var tables = await QueryAsync(Describe.PublicationTables(p[0]!));
                if (tables is null) return true;
                if (tables.RowCount > 0) footers.Add("Tables:");
                footers.AddRange(tables.Rows.Select(t => $"    \"{t[0]}.{t[1]}\"" + (t[3] is { } cols ? $" ({cols})" : "") + (t[2] is { } where ? $" WHERE {where}" : "")));
            }
            IReadOnlyList<string?> row = [p[2], p[3], p[4], p[5], p[6], p[7], p[8]];
            var table = new ResultSet(
                PublicationColumns.Select(n => new ResultColumn(n, n == "Owner" ? "name" : "bool", false)).ToList(),
                [row], 1, RowHash.Of([row]))
            { Title = $"Publication {p[1]}", Footers = footers };
            run.Add(run.Messages.Localise(table), run.Session.Expanded);
        }
        return true;
    }

    /// <summary>Runs a catalog query in the session; a failure is reported like any statement's error.</summary>
    private async Task<ResultSet?> QueryAsync(string sql)
    {
        var conn = await run.ConnectionAsync();
        try
        {
            await using var cmd = new NpgsqlCommand(sql, conn) { AllResultTypesAreUnknown = true, CommandTimeout = 0 };
            await using var reader = await cmd.ExecuteReaderAsync(run.Token);
            return await ResultSetReader.ReadAsync(reader, int.MaxValue, run.Token);
        }
        catch (PostgresException pe)
        {
            await run.AddErrorAsync(pe, sql, null, null);
            return null;
        }
        catch (NpgsqlException ne)
        {
            await run.ConnectionBrokeAsync(ne);
            return null;
        }
    }

    private static string Unquote(string s) =>
        s.Length >= 2 && ((s[0] == '\'' && s[^1] == '\'') || (s[0] == '"' && s[^1] == '"')) ? s[1..^1] : s;
}
