namespace LabRunner.Psql;

/// <summary>
/// What PostgreSQL's functions, settings, languages and extensions can do beyond reading — the lists SqlEffects consults.
/// Built-in names and the common extensions (adminpack, dblink, the untrusted procedural languages).
/// </summary>
internal static class ServerKnowledge
{
    /// <summary>Functions that change the server's state (or another session's), with why.</summary>
    public static readonly IReadOnlyDictionary<string, string> WritingFunctions = Build(new()
    {
        ["advances a sequence"] = ["nextval", "setval"],
        ["ends or cancels another session"] = ["pg_terminate_backend", "pg_cancel_backend"],
        ["changes the server's state"] =
        [
            "pg_reload_conf", "pg_rotate_logfile", "pg_switch_wal", "pg_switch_xlog", "pg_create_restore_point", "pg_promote",
            "pg_backup_start", "pg_backup_stop", "pg_start_backup", "pg_stop_backup", "pg_wal_replay_pause", "pg_wal_replay_resume",
            "pg_import_system_collations", "pg_notify", "txid_current", "pg_current_xact_id",
        ],
        ["changes replication slots or origins"] =
        [
            "pg_create_physical_replication_slot", "pg_create_logical_replication_slot", "pg_drop_replication_slot",
            "pg_copy_physical_replication_slot", "pg_copy_logical_replication_slot", "pg_replication_slot_advance",
            "pg_logical_slot_get_changes", "pg_logical_slot_get_binary_changes", "pg_logical_emit_message",
            "pg_replication_origin_create", "pg_replication_origin_drop", "pg_replication_origin_advance",
            "pg_replication_origin_session_setup",
        ],
        ["resets statistics"] =
        [
            "pg_stat_reset", "pg_stat_reset_shared", "pg_stat_reset_single_table_counters", "pg_stat_reset_single_function_counters",
            "pg_stat_reset_slru", "pg_stat_reset_replication_slot", "pg_stat_reset_subscription_stats",
        ],
        ["changes large objects"] =
        [
            "lo_import", "lo_create", "lo_creat", "lo_unlink", "lo_put", "lo_from_bytea", "lo_truncate", "lo_truncate64", "lowrite", "lo_open",
        ],
    });

    /// <summary>adminpack's file functions: they write files on the server's machine.</summary>
    public static readonly IReadOnlySet<string> FileWritingFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "pg_file_write", "pg_file_rename", "pg_file_unlink", "pg_file_sync",
    };

    /// <summary>Functions that run the SQL text they are given (first argument).</summary>
    public static readonly IReadOnlySet<string> QueryTextFunctions = new HashSet<string>(StringComparer.Ordinal)
    {
        "query_to_xml", "query_to_xml_and_xmlschema", "query_to_xmlschema", "ts_stat",
    };

    /// <summary>dblink: connects to a database of its own choosing (the query is its second argument).</summary>
    public static bool IsDblink(string name) => name.StartsWith("dblink", StringComparison.Ordinal);

    /// <summary>Settings that would let a check escape its read-only transaction, its user or its time limit.</summary>
    public static readonly IReadOnlyDictionary<string, string> GuardedSettings = Build(new()
    {
        ["changes whether and how transactions may write"] =
        [
            "default_transaction_read_only", "transaction_read_only", "default_transaction_isolation", "transaction_isolation",
            "default_transaction_deferrable", "transaction_deferrable",
        ],
        ["changes the user statements run as"] = ["role", "session_authorization"],
        ["disables triggers and rules"] = ["session_replication_role"],
        ["changes the time limit"] = ["statement_timeout", "idle_in_transaction_session_timeout", "idle_session_timeout", "transaction_timeout"],
    });

    /// <summary>Server settings whose value is a program the server runs, or a library it loads.</summary>
    public static readonly IReadOnlyDictionary<string, SqlEffectKind> ProgramSettings = new Dictionary<string, SqlEffectKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["archive_command"] = SqlEffectKind.RunsProgram,
        ["restore_command"] = SqlEffectKind.RunsProgram,
        ["archive_cleanup_command"] = SqlEffectKind.RunsProgram,
        ["recovery_end_command"] = SqlEffectKind.RunsProgram,
        ["ssl_passphrase_command"] = SqlEffectKind.RunsProgram,
        ["archive_library"] = SqlEffectKind.LoadsServerCode,
        ["shared_preload_libraries"] = SqlEffectKind.LoadsServerCode,
        ["session_preload_libraries"] = SqlEffectKind.LoadsServerCode,
        ["local_preload_libraries"] = SqlEffectKind.LoadsServerCode,
        ["jit_provider"] = SqlEffectKind.LoadsServerCode,
    };

    /// <summary>Procedural languages (and their extensions) that can run programs and touch files as the server's OS user.</summary>
    public static readonly IReadOnlySet<string> UntrustedLanguages = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "plperlu", "plpython3u", "plpythonu", "plpython2u", "pltclu", "plluau", "plr", "plsh", "pljavau", "plv8u",
    };

    private static Dictionary<string, string> Build(Dictionary<string, string[]> byReason)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (reason, names) in byReason)
            foreach (var name in names) map[name] = reason;
        return map;
    }
}
