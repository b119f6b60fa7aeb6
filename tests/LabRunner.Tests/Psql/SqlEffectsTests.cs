using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

public sealed class SqlEffectsTests
{
    private static IReadOnlyList<SqlEffectKind> Kinds(string sql) => SqlEffects.Of(sql).Select(e => e.Kind).Distinct().ToList();

    [Theory]
    [InlineData("SELECT count(*) FROM test_autovacuum;")]
    [InlineData("SELECT relname, n_live_tup FROM pg_stat_user_tables WHERE relname = 'test_autovacuum';")]
    [InlineData("WITH t AS (SELECT 1 AS x) SELECT * FROM t;")]
    [InlineData("(SELECT 1) UNION (SELECT 2);")]
    [InlineData("VALUES (1), (2);")]
    [InlineData("TABLE pg_class;")]
    [InlineData("SHOW work_mem;")]
    [InlineData("EXPLAIN (COSTS OFF) SELECT * FROM t;")]
    [InlineData("SELECT 'COPY x TO PROGRAM ''id''', 'BEGIN; DROP TABLE t' -- DROP TABLE t\n;")]
    [InlineData("SELECT substring('abc' for 2), pg_read_file('postgresql.auto.conf');")]
    [InlineData("\\x\nSELECT 1;\n\\dt\n\\d+ t")]
    [InlineData("SET search_path = public; SET TIME ZONE 'UTC'; SELECT now();")]
    [InlineData("SELECT query_to_xml('SELECT 1', true, true, '');")]
    [InlineData("SELECT lo_get(1), currval('s');")]
    public void Reads_have_no_effects(string sql) => Assert.Empty(SqlEffects.Of(sql));

    [Theory]
    [InlineData("BEGIN READ WRITE; INSERT INTO marks VALUES ('x'); COMMIT;", SqlEffectKind.ControlsTransaction)]
    [InlineData("START TRANSACTION READ WRITE; DROP TABLE marks;", SqlEffectKind.ControlsTransaction)]
    [InlineData("SAVEPOINT a;", SqlEffectKind.ControlsTransaction)]
    [InlineData("END;", SqlEffectKind.ControlsTransaction)]
    [InlineData("SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE;", SqlEffectKind.ChangesSession)]
    [InlineData("SET default_transaction_read_only = off;", SqlEffectKind.ChangesSession)]
    [InlineData("set DEFAULT_TRANSACTION_READ_ONLY to off;", SqlEffectKind.ChangesSession)]
    [InlineData("SET LOCAL transaction_read_only = off;", SqlEffectKind.ChangesSession)]
    [InlineData("SET TRANSACTION READ WRITE;", SqlEffectKind.ChangesSession)]
    [InlineData("SET ROLE postgres;", SqlEffectKind.ChangesSession)]
    [InlineData("SET SESSION AUTHORIZATION postgres;", SqlEffectKind.ChangesSession)]
    [InlineData("RESET ALL;", SqlEffectKind.ChangesSession)]
    [InlineData("SET statement_timeout = 0;", SqlEffectKind.ChangesSession)]
    [InlineData("SELECT set_config('default_transaction_read_only', 'off', false);", SqlEffectKind.ChangesSession)]
    [InlineData("SELECT set_config(current_user || 'x', 'off', false);", SqlEffectKind.ChangesSession)]
    [InlineData("\\c other_db\nSELECT * FROM marks;", SqlEffectKind.ChangesConnection)]
    [InlineData("\\connect other_db", SqlEffectKind.ChangesConnection)]
    [InlineData("SELECT * FROM dblink('dbname=bob', 'SELECT 1') AS t(x int);", SqlEffectKind.ChangesConnection)]
    [InlineData("INSERT INTO marks VALUES (1);", SqlEffectKind.Writes)]
    [InlineData("WITH d AS (DELETE FROM marks RETURNING *) SELECT count(*) FROM d;", SqlEffectKind.Writes)]
    [InlineData("WITH u AS (UPDATE marks SET x = 1 RETURNING *) SELECT 1;", SqlEffectKind.Writes)]
    [InlineData("SELECT * INTO copy_of_marks FROM marks;", SqlEffectKind.Writes)]
    [InlineData("SELECT * FROM marks FOR UPDATE;", SqlEffectKind.Writes)]
    [InlineData("SELECT nextval('s');", SqlEffectKind.Writes)]
    [InlineData("SELECT pg_catalog.pg_terminate_backend(123);", SqlEffectKind.Writes)]
    [InlineData("SELECT \"pg_terminate_backend\"(123);", SqlEffectKind.Writes)]
    [InlineData("ALTER SYSTEM SET work_mem = '77MB';", SqlEffectKind.Writes)]
    [InlineData("CREATE TABLE t (x int);", SqlEffectKind.Writes)]
    [InlineData("EXPLAIN ANALYZE DELETE FROM marks;", SqlEffectKind.Writes)]
    [InlineData("DECLARE c CURSOR FOR SELECT nextval('s');", SqlEffectKind.Writes)]
    [InlineData("COPY marks FROM STDIN;", SqlEffectKind.Writes)]
    [InlineData("DO $$ BEGIN PERFORM 1; END $$;", SqlEffectKind.RunsProcedure)]
    [InlineData("CALL p();", SqlEffectKind.RunsProcedure)]
    [InlineData("LISTEN x;", SqlEffectKind.NotARead)]
    [InlineData("PREPARE p AS SELECT 1;", SqlEffectKind.NotARead)]
    [InlineData("\\o /tmp/out", SqlEffectKind.NotARead)]
    public void Statements_that_do_more_than_read_are_named(string sql, SqlEffectKind expected) => Assert.Contains(expected, Kinds(sql));

    [Theory]
    [InlineData("COPY (SELECT 1) TO PROGRAM 'id > /tmp/x';", SqlEffectKind.RunsProgram)]
    [InlineData("copy t from program 'cat /etc/passwd';", SqlEffectKind.RunsProgram)]
    [InlineData("COPY t TO '/tmp/t.csv';", SqlEffectKind.WritesServerFile)]
    [InlineData("SELECT lo_export(1234, '/tmp/x');", SqlEffectKind.WritesServerFile)]
    [InlineData("SELECT lo_export(1234, current_setting('data_directory') || '/x');", SqlEffectKind.WritesServerFile)]
    [InlineData("SELECT pg_file_write('/tmp/x', 'y', false);", SqlEffectKind.WritesServerFile)]
    [InlineData("ALTER SYSTEM SET archive_command = 'id > /tmp/x';", SqlEffectKind.RunsProgram)]
    [InlineData("ALTER SYSTEM SET restore_command TO 'cp %f %p';", SqlEffectKind.RunsProgram)]
    [InlineData("ALTER SYSTEM SET archive_library = 'basic_archive';", SqlEffectKind.LoadsServerCode)]
    [InlineData("CREATE EXTENSION plperlu;", SqlEffectKind.RunsProgram)]
    [InlineData("CREATE EXTENSION IF NOT EXISTS plpython3u;", SqlEffectKind.RunsProgram)]
    [InlineData("CREATE FUNCTION f() RETURNS int LANGUAGE plperlu AS $$ `id`; return 1; $$;", SqlEffectKind.RunsProgram)]
    [InlineData("CREATE FUNCTION sys(text) RETURNS int AS 'libc.so.6', 'system' LANGUAGE c;", SqlEffectKind.LoadsServerCode)]
    [InlineData("LOAD 'auto_explain';", SqlEffectKind.LoadsServerCode)]
    [InlineData("DO $$ BEGIN EXECUTE 'COPY (SELECT 1) TO PROGRAM ''id > /tmp/x'''; END $$;", SqlEffectKind.RunsDynamicSql)]
    [InlineData("DO $$ BEGIN EXECUTE format('SELECT %s', 1); END $$;", SqlEffectKind.RunsDynamicSql)]
    [InlineData("DO $$ BEGIN COPY (SELECT 1) TO PROGRAM 'id'; END $$;", SqlEffectKind.RunsProgram)]
    [InlineData("DO LANGUAGE plperlu $$ system('id') $$;", SqlEffectKind.RunsProgram)]
    [InlineData("CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql AS $f$ BEGIN EXECUTE $1; END $f$;", SqlEffectKind.RunsDynamicSql)]
    [InlineData("SELECT query_to_xml('COPY (SELECT 1) TO PROGRAM ''id''', true, true, '');", SqlEffectKind.RunsProgram)]
    [InlineData("SELECT query_to_xml(current_setting('x'), true, true, '');", SqlEffectKind.RunsDynamicSql)]
    [InlineData("CREATE FOREIGN TABLE f (x text) SERVER files OPTIONS (program 'id');", SqlEffectKind.RunsProgram)]
    public void Statements_that_reach_the_servers_machine_need_consent(string sql, SqlEffectKind expected)
    {
        var effects = SqlEffects.Of(sql);
        Assert.Contains(effects, e => e.Kind == expected && e.NeedsConsent);
    }

    [Theory]
    [InlineData("INSERT INTO t VALUES (1);")]
    [InlineData("CREATE TABLE t AS SELECT g FROM generate_series(1, 10) g;")]
    [InlineData("BEGIN; SELECT pg_backup_start('x', true); COMMIT;")]
    [InlineData("DO $$ BEGIN RAISE NOTICE 'hi'; END $$;")]
    [InlineData("SELECT lo_export(1234, 'relative.bin');")]
    [InlineData("ALTER SYSTEM SET autovacuum_naptime = '1s'; SELECT pg_reload_conf();")]
    [InlineData("CREATE EXTENSION pg_stat_statements;")]
    [InlineData("COPY t TO STDOUT;")]
    public void Ordinary_lab_steps_need_no_consent(string sql) => Assert.DoesNotContain(SqlEffects.Of(sql), e => e.NeedsConsent);

    [Fact]
    public void Effects_name_the_line_of_their_statement()
    {
        var effect = Assert.Single(SqlEffects.Of("SELECT 1;\n\nCOPY (SELECT 1) TO PROGRAM 'id';\n"), e => e.NeedsConsent);
        Assert.Equal(3, effect.Line);
        Assert.Equal("line 3: COPY … TO PROGRAM runs a program on the database server", effect.ToString());
    }

    [Fact]
    public void Server_settings_that_run_programs_are_named() =>
        Assert.Equal(
            [SqlEffectKind.RunsProgram, SqlEffectKind.RunsProgram, SqlEffectKind.LoadsServerCode],
            new[] { "archive_command", "restore_command", "archive_library", "autovacuum_naptime" }
                .Select(n => SqlEffects.OfSetting(n)).OfType<SqlEffect>().Select(e => e.Kind));
}
