-- case: raise notice
DO $$ BEGIN RAISE NOTICE 'hello'; END $$;
-- case: raise warning
DO $$ BEGIN RAISE WARNING 'careful'; END $$;
-- case: raise info
DO $$ BEGIN RAISE INFO 'for your information'; END $$;
-- case: notice with detail and hint
DO $$ BEGIN RAISE NOTICE 'n1' USING DETAIL = 'd1', HINT = 'h1'; END $$;
-- case: several notices in order
DO $$ BEGIN RAISE NOTICE 'first'; RAISE NOTICE 'second'; RAISE WARNING 'third'; END $$;
-- case: notice before the rows of a select
CREATE FUNCTION pg_temp.noisy() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'computing'; RETURN 7; END $$;
SELECT pg_temp.noisy() AS v;
-- case: drop if exists notice
DROP TABLE IF EXISTS never_created;
-- case: create if not exists notice
CREATE TEMP TABLE twice (a int);
CREATE TEMP TABLE IF NOT EXISTS twice (a int);
-- case: implicit sequence and index tags
CREATE TEMP TABLE withpk (id serial PRIMARY KEY, v text);
-- case: insert update delete tags
CREATE TEMP TABLE d (a int);
INSERT INTO d SELECT g FROM generate_series(1, 10) g;
UPDATE d SET a = a + 1 WHERE a % 2 = 0;
DELETE FROM d WHERE a > 5;
-- case: insert zero rows
CREATE TEMP TABLE z (a int);
INSERT INTO z SELECT 1 WHERE false;
-- case: update returning
CREATE TEMP TABLE ur (a int);
INSERT INTO ur VALUES (1), (2);
UPDATE ur SET a = a * 10 RETURNING a;
-- case: delete returning
CREATE TEMP TABLE dr (a int);
INSERT INTO dr VALUES (1), (2);
DELETE FROM dr WHERE a = 1 RETURNING *;
-- case: create table as reports select
CREATE TEMP TABLE ctas AS SELECT g FROM generate_series(1, 4) g;
-- case: select into reports select
SELECT 1 AS a INTO TEMP si;
-- case: transaction tags
BEGIN;
SAVEPOINT a;
RELEASE SAVEPOINT a;
COMMIT;
-- case: start transaction and end
START TRANSACTION ISOLATION LEVEL REPEATABLE READ;
END;
-- case: abort
BEGIN;
ABORT;
-- case: set and reset
SET work_mem = '8MB';
SHOW work_mem;
RESET work_mem;
-- case: set local and set transaction
BEGIN;
SET LOCAL statement_timeout = '5s';
SET TRANSACTION ISOLATION LEVEL SERIALIZABLE;
COMMIT;
-- case: alter and drop tags
CREATE TEMP TABLE al (a int);
ALTER TABLE al ADD COLUMN b text;
CREATE INDEX ON al (a);
CREATE UNIQUE INDEX al_b ON al (b);
DROP INDEX al_b;
DROP TABLE al;
-- case: views and sequences
CREATE TEMP VIEW tv AS SELECT 1 AS a;
CREATE TEMP SEQUENCE tseq;
SELECT nextval('tseq') AS n;
DROP VIEW tv;
DROP SEQUENCE tseq;
-- case: create or replace function and do
CREATE OR REPLACE FUNCTION pg_temp.g() RETURNS int LANGUAGE sql AS 'SELECT 1';
DO $$ BEGIN END $$;
-- case: truncate vacuum analyze
CREATE TEMP TABLE tva (a int);
TRUNCATE tva;
VACUUM tva;
ANALYZE tva;
VACUUM ANALYZE tva;
-- case: lock table
BEGIN;
CREATE TEMP TABLE lk (a int);
LOCK TABLE lk IN ACCESS EXCLUSIVE MODE;
COMMIT;
-- case: prepare execute deallocate
PREPARE q(int) AS SELECT $1 * 2 AS doubled;
EXECUTE q(21);
DEALLOCATE q;
-- case: prepared insert tag
CREATE TEMP TABLE pi (a int);
PREPARE ins(int) AS INSERT INTO pi VALUES ($1);
EXECUTE ins(1);
DEALLOCATE ALL;
-- case: cursors
BEGIN;
DECLARE c CURSOR FOR SELECT g FROM generate_series(1, 5) g;
FETCH 2 FROM c;
MOVE 1 IN c;
FETCH NEXT FROM c;
CLOSE c;
COMMIT;
-- case: comment on
CREATE TEMP TABLE cm (a int);
COMMENT ON TABLE cm IS 'a comment';
-- case: checkpoint
CHECKPOINT;
-- case: discard
DISCARD TEMP;
-- case: explain without analyze
EXPLAIN (COSTS OFF) SELECT 1;
-- case: explain of a join
CREATE TEMP TABLE ea (id int);
CREATE TEMP TABLE eb (id int);
EXPLAIN (COSTS OFF) SELECT * FROM ea JOIN eb USING (id);
-- case: listen notify
LISTEN chan;
UNLISTEN chan;
-- case: create temp table with on commit
BEGIN;
CREATE TEMP TABLE oc (a int) ON COMMIT DROP;
COMMIT;
-- case: call a procedure
CREATE PROCEDURE pg_temp.p() LANGUAGE plpgsql AS $$ BEGIN RAISE NOTICE 'in procedure'; END $$;
CALL pg_temp.p();
