namespace LabRunner.Grading;

/// <summary>
/// `class drop`: removes what the manifest says `class provision` made — databases first (students' sessions ended), then
/// roles — each only while it still carries the class's marker; then the class's files.
/// </summary>
public static class ClassDropper
{
    public static async Task<DropResult> DropAsync(string labId, string serverUri, string folder, CancellationToken ct)
    {
        var manifest = ClassManifest.Load(folder) ?? throw new UserErrorException($"{ClassManifest.PathIn(folder)}: no class manifest here: nothing to drop");
        if (manifest.Lab != labId) throw new UserErrorException($"{folder} holds the class of {manifest.Lab}, not {labId}");
        var names = new ClassNames(manifest.Lab);
        Npgsql.NpgsqlConnectionStringBuilder admin;
        try { admin = Postgres.ConnectionStrings.Parse(serverUri); }
        catch (Exception e) when (e is FormatException or UriFormatException or ArgumentException)
        {
            throw new UserErrorException($"--server is not a valid connection string: {e.Message}");
        }
        await using var server = await ClassServer.OpenAsync(admin, ct);
        if (server.Description != manifest.Server)
            throw new UserErrorException($"{folder} holds a class on {manifest.Server}, not on {server.Description}");
        var notes = new List<ClassNote>();
        int databases = 0, roles = 0;
        // The template last: students' databases were copied from it.
        foreach (var db in manifest.Databases.OrderBy(d => d == names.Template).ToList())
        {
            switch (await server.OursAsync("database", db, names.Marker, ct))
            {
                case true: await DropDatabaseAsync(server, db, ct); databases++; break;
                case false: notes.Add(new KeptNotOurs("database", db)); break;
            }
            manifest.Databases.Remove(db);
            manifest.Save(folder);
        }
        // Students first, then the owner and the group.
        foreach (var role in manifest.Roles.OrderBy(r => r == names.Owner || r == names.Students).ToList())
        {
            switch (await server.OursAsync("role", role, names.Marker, ct))
            {
                case true: await server.ExecAsync($"DROP ROLE {role}", ct); roles++; break;
                case false: notes.Add(new KeptNotOurs("role", role)); break;
            }
            manifest.Roles.Remove(role);
            manifest.Save(folder);
        }
        foreach (var file in new[] { ClassProvisioner.ConnectionsFile, ClassProvisioner.TargetsFile, "manifest.json" })
            File.Delete(Path.Combine(folder, file));
        return new DropResult(databases, roles, notes);
    }

    /// <summary>
    /// WITH (FORCE) ends only sessions the instructor may signal. A CREATEROLE instructor waits a little for the others (a
    /// just-closed session lingers for a moment), then says who is still in. An autovacuum worker has no role, so only a
    /// superuser may end it by force; a plain DROP stops it by itself, hence the second try.
    /// </summary>
    private static async Task DropDatabaseAsync(ClassServer server, string db, CancellationToken ct)
    {
        if (await server.UnendableSessionsAsync(db, TimeSpan.FromSeconds(5), ct) is { Count: > 0 } still) throw StillIn(server, db, still);
        try
        {
            await server.ExecAsync($"DROP DATABASE {db} WITH (FORCE)", ct);
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.InsufficientPrivilege)
        {
            try
            {
                await server.ExecAsync($"DROP DATABASE {db}", ct);
            }
            catch (Npgsql.PostgresException again) when (again.SqlState == Npgsql.PostgresErrorCodes.ObjectInUse)
            {
                throw (await server.UnendableSessionsAsync(db, TimeSpan.Zero, ct)) is { Count: > 0 } others
                    ? StillIn(server, db, others)
                    : new UserErrorException($"cannot drop database {db}: {again.MessageText}");
            }
        }
    }

    private static UserErrorException StillIn(ClassServer server, string db, IReadOnlyList<string> roles) =>
        new($"database {db} still has sessions of {string.Join(", ", roles)}, which {server.User} may not end " +
            "(it is neither a superuser nor a member of pg_signal_backend): ask them to disconnect, or run `class drop` as a superuser; " +
            "what was dropped so far is off the manifest, so running it again goes on from there");
}
