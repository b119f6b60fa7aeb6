CREATE TABLE parent (id int PRIMARY KEY, name text UNIQUE);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent(id), qty int CHECK (qty > 0));
INSERT INTO parent VALUES (1, 'uno');
CREATE FUNCTION boom() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 1/0; END $$;
-- case: undefined table
SELECT * FROM missing_table;
-- case: undefined column
SELECT nme FROM parent;
-- case: syntax error
SELEC 1;
-- case: syntax error at end of input
SELECT (1 + 2;
-- case: syntax error at end of input without semicolon
SELECT 1 +
-- case: error on the third line
SELECT id,
       name,
       nope
FROM parent;
-- case: error position after multibyte characters
SELECT 'ñandú' AS a, nope FROM parent;
-- case: error position after wide characters
SELECT '日本語' AS a, nope FROM parent;
-- case: error position after a tab
SELECT	1,	nope FROM parent;
-- case: error in a long line is cut around the position
SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' AS a, nope, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb' AS b;
-- case: error near the start of a long line
SELECT nope, 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' AS a;
-- case: error near the end of a long line
SELECT 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' AS a, nope;
-- case: division by zero has no position
SELECT 1/0;
-- case: invalid input syntax
SELECT 'abc'::int;
-- case: unique violation with detail
INSERT INTO parent VALUES (1, 'otro');
-- case: foreign key violation with detail
INSERT INTO child VALUES (1, 99, 1);
-- case: check violation with detail
INSERT INTO child VALUES (1, 1, 0);
-- case: not null violation
INSERT INTO parent VALUES (NULL, 'x');
-- case: function does not exist with hint
SELECT pg_start_backup('backup1', false);
-- case: pg_stop_backup does not exist
SELECT * FROM pg_stop_backup();
-- case: wrong argument types with hint
SELECT length(1, 2, 3);
-- case: operator does not exist
SELECT 'a'::text + 1;
-- case: ambiguous column
SELECT id FROM parent, child;
-- case: raise exception with detail and hint has context
DO $$ BEGIN RAISE EXCEPTION 'custom failure %', 42 USING DETAIL = 'some detail', HINT = 'some hint'; END $$;
-- case: error inside a plpgsql query shows the internal query
DO $$ BEGIN PERFORM nope FROM parent; END $$;
-- case: error inside a function called from a query
SELECT boom();
-- case: errors do not stop later statements
SELECT 1 AS before;
SELECT nope;
SELECT 2 AS after;
-- case: aborted transaction
BEGIN;
SELECT 1/0;
SELECT 1;
ROLLBACK;
-- case: commit of an aborted transaction reports rollback
BEGIN;
SELECT nope;
COMMIT;
-- case: savepoint recovers
BEGIN;
SAVEPOINT s1;
SELECT 1/0;
ROLLBACK TO SAVEPOINT s1;
SELECT 'recovered' AS state;
COMMIT;
-- case: commit without transaction warns
COMMIT;
-- case: rollback without transaction warns
ROLLBACK;
-- case: begin twice warns
BEGIN;
BEGIN;
ROLLBACK;
-- case: permission style error from a read-only transaction
BEGIN READ ONLY;
CREATE TEMP TABLE ro (a int);
ROLLBACK;
-- case: drop missing table
DROP TABLE no_such_table;
-- case: type does not exist
SELECT 1::nosuchtype;
-- case: out of range
SELECT 2147483647 + 1;
-- case: numeric overflow with detail
SELECT 123.456::numeric(4,2);
-- case: invalid regex
SELECT 'a' ~ '(';
-- case: error in a multi statement line
SELECT 1 AS ok; SELECT nope; SELECT 3 AS ok2;
-- case: error position in a statement after a leading comment
-- comment first
SELECT nope;
-- case: error position in a statement after a block comment
/* block */ SELECT nope;
-- case: undefined function in from
SELECT * FROM nosuchfunction();
-- case: column of a relation does not exist in insert
INSERT INTO parent (id, nope) VALUES (5, 1);
