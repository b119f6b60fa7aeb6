CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TYPE pair AS (a int, b text);
-- case: smallint integer bigint
SELECT 1::smallint AS s, 2147483647 AS i, -9223372036854775808::bigint AS b;
-- case: numeric scale kept by the server
SELECT 12.50::numeric(10,2) AS price, 0.1 + 0.2 AS sum, 1e-10::numeric AS tiny;
-- case: numeric right aligned under a long header
SELECT 5::numeric AS "a rather long header", 3 AS x;
-- case: floats
SELECT 1.5::float4 AS f4, 0.1::float8 AS f8, 1e300::float8 * 10 AS big, 'NaN'::float8 AS nan, '-Infinity'::float8 AS ninf;
-- case: float shortest representation
SELECT 1/3::float8 AS third, 100.0::float4 AS hundred;
-- case: money
SELECT 12.34::money AS m, -1::money AS neg;
-- case: oid and xid right aligned
SELECT 1259::oid AS o, '5'::xid AS x, '7'::cid AS c;
-- case: boolean
SELECT true AS t, false AS f, NULL::boolean AS n;
-- case: text varchar char
SELECT 'abc'::text AS t, 'abc'::varchar(10) AS v, 'abc'::char(6) AS c, 'x'::"char" AS ch;
-- case: name type
SELECT 'relname'::name AS n;
-- case: bytea hex
SELECT '\xdeadbeef'::bytea AS b, ''::bytea AS empty, 'abc'::bytea AS text_bytes;
-- case: uuid
SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::uuid AS id;
-- case: date
SELECT '2024-10-06'::date AS d, 'infinity'::date AS inf;
-- case: time and timetz
SELECT '19:00:44.756802'::time AS t, '04:05:06-08'::timetz AS tz;
-- case: timestamp
SELECT '2024-10-06 19:00:44.756802'::timestamp AS ts, '2024-01-02 03:04:05'::timestamp AS whole;
-- case: timestamptz in the session time zone
SELECT '2024-10-06 19:00:44.756802-05'::timestamptz AS tstz;
-- case: timestamptz after SET TimeZone
SET TimeZone = 'America/Mexico_City';
SELECT '2024-10-06 19:00:44.756802-05'::timestamptz AS tstz;
-- case: interval
SELECT '1 day 2 hours'::interval AS i, '3 months -1 day'::interval AS mixed, '00:00:00.5'::interval AS half, '-1 year'::interval AS neg;
-- case: interval arithmetic
SELECT '2024-01-31'::date + '1 month'::interval AS next, age('2024-10-06'::date, '2000-01-01'::date) AS age;
-- case: int array
SELECT ARRAY[1,2,3] AS a, '{}'::int[] AS empty;
-- case: text array with NULL and quotes
SELECT ARRAY['a', NULL, 'b c', 'd"e', ''] AS a;
-- case: two dimensional array
SELECT ARRAY[[1,2],[3,4]] AS m;
-- case: array of numeric is left aligned
SELECT ARRAY[1.5, 2.25] AS a, 10 AS n;
-- case: json
SELECT '{"a": 1, "b": [1, 2, {"c": null}]}'::json AS j;
-- case: jsonb normalises
SELECT '{"b": [1, 2], "a": 1, "a": 2}'::jsonb AS j;
-- case: jsonb pretty is multi-line
SELECT jsonb_pretty('{"a": 1, "b": {"c": [1, 2]}}') AS pretty;
-- case: json operators
SELECT '{"a": {"b": "x"}}'::jsonb -> 'a' AS obj, '{"a": {"b": "x"}}'::jsonb #>> '{a,b}' AS txt;
-- case: enum
SELECT 'happy'::mood AS m, enum_range(NULL::mood) AS all_moods;
-- case: composite
SELECT ROW(1, 'x y')::pair AS p, (ROW(2, 'z')::pair).b AS b;
-- case: range types
SELECT int4range(1, 10) AS r, '[2024-01-01,2024-02-01)'::daterange AS d, numrange(1.5, 2.5, '[]') AS n;
-- case: network types
SELECT '192.168.0.1/24'::inet AS i, '10.0.0.0/8'::cidr AS c, '08:00:2b:01:02:03'::macaddr AS m;
-- case: geometric
SELECT point(1.5, 2) AS p, box(point(0,0), point(1,1)) AS b, circle(point(0,0), 2) AS c;
-- case: bit strings
SELECT B'1010' AS b, '101'::varbit AS v;
-- case: tsvector
SELECT to_tsvector('english', 'The quick brown foxes jumped') AS v;
-- case: pg_lsn
SELECT '16/B374D848'::pg_lsn AS lsn;
-- case: regclass and regtype
SELECT 'pg_class'::regclass AS rel, 'int4'::regtype AS typ;
-- case: null everywhere
SELECT NULL AS a, NULL::int AS b, NULL::text AS c;
-- case: empty string is not null but prints the same
SELECT '' AS empty, NULL AS nul, 'x' AS x;
-- case: row count for many rows
SELECT g FROM generate_series(1, 12) g;
-- case: negative numbers align
SELECT x FROM (VALUES (-1), (10), (-100), (1000)) v(x);
-- case: numeric nulls right aligned column
SELECT x FROM (VALUES (1.5), (NULL), (22.25)) v(x);
-- case: domain over integer is left aligned
CREATE DOMAIN pg_temp.posint AS int CHECK (VALUE > 0);
SELECT 5::pg_temp.posint AS d;
-- case: version-free server settings
SHOW DateStyle;
-- case: show integer setting
SHOW max_prepared_transactions;
-- case: current_setting
SELECT current_setting('TimeZone') AS tz, current_setting('standard_conforming_strings') AS scs;
-- case: aggregates
SELECT count(*) AS n, sum(g) AS total, avg(g) AS mean, min(g), max(g) FROM generate_series(1, 10) g;
-- case: avg numeric digits
SELECT avg(x) FROM (VALUES (1), (2), (2)) v(x);
-- case: string functions
SELECT upper('straße') AS up, length('ñandú') AS len, repeat('ab', 3) AS rep, lpad('7', 3, '0') AS pad;
-- case: format and concat
SELECT format('%s has %L', 'x', 'it''s') AS f, concat('a', NULL, 'b') AS c, 'a' || NULL AS n;
-- case: case expression and coalesce
SELECT CASE WHEN 1 > 0 THEN 'yes' END AS c, coalesce(NULL, 'fallback') AS co, nullif(1, 1) AS ni;
-- case: generate_series of timestamps
SELECT * FROM generate_series('2024-01-01'::timestamp, '2024-01-03', '1 day') AS day;
-- case: to_char
SELECT to_char(1234567.891, '9,999,999.99') AS n, to_char('2024-10-06'::date, 'DD/MM/YYYY') AS d;
-- case: extract
SELECT extract(year FROM '2024-10-06'::date) AS y, date_part('dow', '2024-10-06'::date) AS dow;
-- case: md5 like the seed lab
SELECT md5('1') AS h;
-- case: jsonb containment operator is not a parameter
SELECT '{"a": 1, "b": 2}'::jsonb @> '{"a": 1}' AS contains, '{"a": 1}'::jsonb ? 'a' AS has_key;
-- case: text search match operator
SELECT to_tsvector('english', 'fat cats') @@ to_tsquery('english', 'cat') AS matches;
-- case: absolute value prefix operator and colon casts
SELECT @ -5 AS abs, 'x'::text AS t, now()::date IS NOT NULL AS has_date;
