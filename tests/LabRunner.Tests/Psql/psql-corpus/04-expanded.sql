-- case: expanded on and off
\x on
SELECT 1 AS a, 'two' AS b;
\x off
SELECT 1 AS a;
-- case: expanded toggle twice
\x
\x
SELECT 1 AS a;
-- case: expanded several records
\x
SELECT g AS id, 'row ' || g AS label FROM generate_series(1, 3) g;
-- case: expanded with null
\x
SELECT 1 AS a, NULL AS b, 'c' AS c;
-- case: expanded multi-line value
\x
SELECT E'line1\nline2' AS v, 'x' AS w;
-- case: expanded multi-line header
\x
SELECT 1 AS "h1
h2", 'value' AS v;
-- case: expanded wide characters
\x
SELECT '日本語' AS w, 'abc' AS a;
-- case: expanded long header short values
\x
SELECT 1 AS a_very_long_column_name_indeed, 2 AS b;
-- case: expanded long value
\x
SELECT repeat('z', 80) AS v;
-- case: expanded empty result
\x
SELECT 1 AS a WHERE false;
-- case: expanded zero columns
\x
SELECT;
-- case: expanded command tags are unchanged
\x
CREATE TEMP TABLE xx (a int);
INSERT INTO xx VALUES (1), (2);
SELECT * FROM xx;
-- case: expanded insert returning
\x
CREATE TEMP TABLE xr (a int, b text);
INSERT INTO xr VALUES (1, 'x') RETURNING *;
-- case: expanded record width from record label
\x
SELECT 1 AS a, 2 AS b;
-- case: expanded record numbers above nine
\x
SELECT g FROM generate_series(1, 11) g;
-- case: gx shows one result expanded
SELECT 1 AS a, 2 AS b \gx
SELECT 3 AS c;
-- case: expanded with tab in value
\x
SELECT E'a\tb' AS t;
-- case: expanded numeric values are left aligned
\x
SELECT 1 AS a, 1000 AS b;
-- case: expanded auto in a pipe keeps narrow tables aligned
\x auto
SELECT 1 AS a, 'b' AS b;
