namespace LabRunner.Psql;

/// <summary>What a statement may do besides reading.</summary>
public enum SqlEffectKind
{
    /// <summary>Anything else that is not a plain read (LISTEN, PREPARE, an unknown meta-command...).</summary>
    NotARead,
    /// <summary>Changes data, schema or the server's state (INSERT, CREATE, nextval, pg_terminate_backend...).</summary>
    Writes,
    /// <summary>BEGIN, COMMIT, ROLLBACK, SAVEPOINT...: would end or escape the transaction it runs in.</summary>
    ControlsTransaction,
    /// <summary>SET of the session's transaction mode, role, time limits...</summary>
    ChangesSession,
    /// <summary>\c, dblink: reaches another database.</summary>
    ChangesConnection,
    /// <summary>DO, CALL: procedural code.</summary>
    RunsProcedure,
    /// <summary>SQL built at run time (EXECUTE in a DO block or function, query_to_xml of a computed query): no filter can see it.</summary>
    RunsDynamicSql,
    /// <summary>A program runs on the database server's machine (COPY … PROGRAM, archive_command, untrusted languages).</summary>
    RunsProgram,
    /// <summary>A file is written on the database server's machine (COPY … TO 'file', lo_export to an absolute path).</summary>
    WritesServerFile,
    /// <summary>Native code is loaded into the server (LOAD, C functions, *_preload_libraries).</summary>
    LoadsServerCode,
}

/// <summary>One thing a statement may do besides reading, why LabRunner thinks so, and where (the step's line).</summary>
public sealed record SqlEffect(SqlEffectKind Kind, string Reason, int Line)
{
    /// <summary>
    /// The effects that reach past the database into the server's machine. A lab with any of them needs the same consent
    /// as a shell step: the sandbox's login is a superuser, so the server would run them as its OS user.
    /// </summary>
    public bool NeedsConsent => Kind is SqlEffectKind.RunsProgram or SqlEffectKind.WritesServerFile
        or SqlEffectKind.RunsDynamicSql or SqlEffectKind.LoadsServerCode;

    /// <summary>
    /// The construct the reason is about, in SQL's own words ("COPY … TO PROGRAM", "archive_command", "lo_export()"):
    /// the part of the reason that needs no translation, for interfaces that say the rest in their language.
    /// </summary>
    public string Subject { get; init; } = "";

    public override string ToString() => $"line {Line}: {Reason}";
}
