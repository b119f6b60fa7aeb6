using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CsvHelper;
using LabRunner.Labs;
using LabRunner.Postgres;
using Npgsql;

namespace LabRunner.Grading;

/// <summary>
/// `class provision`: on a server the instructor names, a template database built from the lab's starting state (its
/// setup SQL, run as the class's owner role), then per student a login role and a database copied from the template
/// (CREATE DATABASE … TEMPLATE), owned by the student, which only they (and the instructor) may connect to. No role made
/// is a superuser or may create roles or databases. Everything made carries the class's COMMENT marker and is listed in
/// the manifest; running it again makes only what is missing and keeps the passwords already handed out.
/// With a CREATEDB CREATEROLE role instead of a superuser it does the same (the instructor becomes a member of each role
/// it makes, as PostgreSQL requires to give a database to it) and says what it could not do.
/// </summary>
public static partial class ClassProvisioner
{
    public const string ConnectionsFile = "connections.csv";
    public const string TargetsFile = "targets.csv";

    public static async Task<ProvisionResult> ProvisionAsync(Lab lab, string serverUri, IReadOnlyList<string> roster, string folder,
        Action<string>? provisioned, CancellationToken ct)
    {
        var admin = Parse(serverUri);
        var names = new ClassNames(lab.Id);
        var notes = new List<ClassNote>();
        await using var server = await ClassServer.OpenAsync(admin, ct);
        if (!server.Superuser && !(server.CreateRole && server.CreateDb))
            throw new UserErrorException($"the role \"{server.User}\" may not create {(server.CreateRole ? "databases" : "roles")}: " +
                "class provision needs a superuser or a role with CREATEDB and CREATEROLE (ALTER ROLE ... CREATEDB CREATEROLE)");
        if (!server.Superuser) notes.Add(new WithoutSuperuser(server.User));
        var manifest = ClassManifest.Load(folder) ?? new ClassManifest { Lab = lab.Id, Server = server.Description };
        if (manifest.Lab != lab.Id || manifest.Server != server.Description)
            throw new UserErrorException($"{folder} holds the class of {manifest.Lab} on {manifest.Server}: choose another --out folder");
        var passwords = KnownPasswords(folder);

        await EnsureRoleAsync(server, names, manifest, folder, names.Students, "NOLOGIN", ct);
        await EnsureRoleAsync(server, names, manifest, folder, names.Owner, "NOLOGIN", ct);
        if (!server.Superuser) await GrantToMeAsync(server, names.Owner, ct);
        await EnsureTemplateAsync(lab, server, names, manifest, folder, ct);
        var settings = await PerDatabaseSettingsAsync(lab, server, notes, ct);
        var local = lab.AllSteps.Count(s => s.Action is ShellAction or EditAction or ServerAction);
        if (local > 0) notes.Add(new LocalStepsUnavailable(local));

        var students = new List<ClassStudent>();
        var created = 0;
        foreach (var id in roster)
        {
            ct.ThrowIfCancellationRequested();
            var name = names.Student(id);
            try
            {
                var role = await server.OursAsync("role", name, names.Marker, ct);
                var database = await server.OursAsync("database", name, names.Marker, ct);
                if (role == false || database == false)
                {
                    notes.Add(new StudentNotProvisioned(id, $"a {(role == false ? "role" : "database")} named {name} exists and was not made by LabRunner"));
                    continue;
                }
                var password = passwords.GetValueOrDefault(id) ?? NewPassword();
                Secrets.Add(password);
                if (role is null)
                {
                    await server.ExecAsync($"CREATE ROLE {name} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD '{password}' IN ROLE {names.Students}", ct);
                    await Made(server, manifest, folder, "ROLE", name, names.Marker, ct);
                }
                else if (!passwords.ContainsKey(id))
                {
                    await server.ExecAsync($"ALTER ROLE {name} PASSWORD '{password}'", ct); // its password was not kept: a new one
                }
                if (!server.Superuser) await GrantToMeAsync(server, name, ct);
                if (database is null)
                {
                    await server.ExecAsync($"CREATE DATABASE {name} OWNER {name} TEMPLATE {names.Template}", ct);
                    await Made(server, manifest, folder, "DATABASE", name, names.Marker, ct);
                    await using (var own = await ClassServer.OpenAsync(admin, name, ct))
                        await ClassServer.ExecAsync(own, $"REASSIGN OWNED BY {names.Owner} TO {name}", ct); // the template's objects become the student's
                    foreach (var (key, value) in settings) await server.ExecAsync($"ALTER DATABASE {name} SET {key} = {Literal(value)}", ct);
                    created++;
                }
                await server.ExecAsync($"REVOKE ALL ON DATABASE {name} FROM PUBLIC; GRANT CONNECT, TEMPORARY ON DATABASE {name} TO {name}", ct);
                students.Add(new ClassStudent(id, name, name, StudentConnection(admin, name, password)));
                provisioned?.Invoke(id);
            }
            catch (PostgresException e)
            {
                notes.Add(new StudentNotProvisioned(id, e.MessageText));
            }
        }

        var connections = Path.Combine(folder, ConnectionsFile);
        var targets = Path.Combine(folder, TargetsFile);
        // Students provisioned before but left out of this roster keep their line (and their password).
        var kept = ReadConnections(folder).Where(r => !students.Any(s => s.Student == r.Student)).ToList();
        var all = kept.Concat(students).ToList();
        PrivateFile.Write(connections, Csv(["student", "role", "database", "connection"], all.Select(s => new[] { s.Student, s.Role, s.Database, s.Connection })));
        PrivateFile.Write(targets, Csv(["student", "connection"], all.Select(s => new[]
        {
            s.Student, new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = s.Database }.ConnectionString,
        })));
        return new ProvisionResult(students, created, notes, connections, targets, server.Description);
    }

    private static NpgsqlConnectionStringBuilder Parse(string uri)
    {
        try { return ConnectionStrings.Parse(uri); }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException)
        {
            throw new UserErrorException($"--server is not a valid connection string: {e.Message}");
        }
    }

    private static async Task EnsureRoleAsync(ClassServer server, ClassNames names, ClassManifest manifest, string folder, string role, string options, CancellationToken ct)
    {
        switch (await server.OursAsync("role", role, names.Marker, ct))
        {
            case false: throw new UserErrorException($"a role named {role} exists and was not made by LabRunner: not touching it");
            case null:
                await server.ExecAsync($"CREATE ROLE {role} {options}", ct);
                await Made(server, manifest, folder, "ROLE", role, names.Marker, ct);
                break;
        }
    }

    /// <summary>The template: the lab's database as a student starts it (setup SQL run as the class's owner role).</summary>
    private static async Task EnsureTemplateAsync(Lab lab, ClassServer server, ClassNames names, ClassManifest manifest, string folder, CancellationToken ct)
    {
        var ours = await server.OursAsync("database", names.Template, names.Marker, ct);
        if (ours == false) throw new UserErrorException($"a database named {names.Template} exists and was not made by LabRunner: not touching it");
        if (ours == true) return;
        await server.ExecAsync($"CREATE DATABASE {names.Template}", ct);
        await Made(server, manifest, folder, "DATABASE", names.Template, names.Marker, ct);
        await server.ExecAsync($"REVOKE ALL ON DATABASE {names.Template} FROM PUBLIC", ct);
        try
        {
            await using var template = await ClassServer.OpenAsync(server.Admin, names.Template, ct);
            await ClassServer.ExecAsync(template, $"GRANT ALL ON SCHEMA public TO {names.Owner}", ct);
            if (!string.IsNullOrWhiteSpace(lab.Server.Setup))
                await ClassServer.ExecAsync(template, $"SET ROLE {names.Owner};\n{lab.Server.Setup}\n;RESET ROLE;", ct);
        }
        catch (PostgresException e)
        {
            // Without a usable template nothing can follow: drop it, so that the next run builds it again.
            await server.ExecAsync($"DROP DATABASE {names.Template}", ct);
            manifest.Databases.Remove(names.Template);
            manifest.Save(folder);
            throw new UserErrorException($"the lab's setup failed in the template database: {e.SqlState}: {e.MessageText}");
        }
    }

    /// <summary>The lab's settings that a database can carry (ALTER DATABASE … SET); the others are noted.</summary>
    private static async Task<List<(string Name, string Value)>> PerDatabaseSettingsAsync(Lab lab, ClassServer server, List<ClassNote> notes, CancellationToken ct)
    {
        var settings = new List<(string, string)>();
        foreach (var (name, value) in lab.Server.Settings)
        {
            var context = SettingName().IsMatch(name) ? await server.SettingContextAsync(name, ct) : null;
            if (context == "user" || (context == "superuser" && server.Superuser)) settings.Add((name, value));
            else notes.Add(new SettingNotApplied(name, value, context ?? "unknown"));
        }
        return settings;
    }

    private static async Task Made(ClassServer server, ClassManifest manifest, string folder, string kind, string name, string marker, CancellationToken ct)
    {
        (kind == "ROLE" ? manifest.Roles : manifest.Databases).Add(name);
        manifest.Save(folder); // at once: an interrupted run still lets `class drop` find what it made
        await server.ExecAsync($"COMMENT ON {kind} {name} IS {Literal(marker)}", ct);
    }

    /// <summary>PostgreSQL lets a CREATEROLE role give a database to a role, or reassign to it, only as a member of it.</summary>
    private static async Task GrantToMeAsync(ClassServer server, string role, CancellationToken ct) =>
        await server.ExecAsync($"GRANT {role} TO CURRENT_USER", ct);

    private static string StudentConnection(NpgsqlConnectionStringBuilder admin, string role, string password)
    {
        var host = admin.Host ?? "localhost";
        var port = admin.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return host.StartsWith('/')
            ? $"postgresql://{role}:{password}@/{role}?host={Uri.EscapeDataString(host)}&port={port}"
            : $"postgresql://{role}:{password}@{(host.Contains(':') ? $"[{host}]" : host)}:{port}/{role}";
    }

    private static string NewPassword()
    {
        const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        return string.Create(20, 0, (span, _) => { for (var i = 0; i < span.Length; i++) span[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)]; });
    }

    private static string Literal(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static Dictionary<string, string> KnownPasswords(string folder) =>
        ReadConnections(folder).ToDictionary(s => s.Student, s => ConnectionStrings.Parse(s.Connection).Password ?? "");

    internal static List<ClassStudent> ReadConnections(string folder)
    {
        var path = Path.Combine(folder, ConnectionsFile);
        if (!File.Exists(path)) return [];
        using var csv = CsvReader.FromText(File.ReadAllText(path), CsvReaderOptions.Default);
        var rows = new List<ClassStudent>();
        while (csv.Read())
            rows.Add(new ClassStudent(csv.GetString(csv.GetFieldIndex("student")), csv.GetString(csv.GetFieldIndex("role")),
                csv.GetString(csv.GetFieldIndex("database")), csv.GetString(csv.GetFieldIndex("connection"))));
        return rows;
    }

    private static string Csv(string[] header, IEnumerable<string[]> rows)
    {
        using var text = new StringWriter();
        using (var csv = CsvWriter.Create(text, CsvWriterOptions.Default, true))
        {
            csv.WriteHeader(header);
            foreach (var row in rows) csv.WriteRecord(row);
        }
        return text.ToString();
    }

    [GeneratedRegex("^[a-z_][a-z0-9_.]*$")]
    private static partial Regex SettingName();
}
