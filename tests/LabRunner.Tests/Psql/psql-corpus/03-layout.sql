-- case: wide characters count two columns
SELECT '日本語' AS w, 'abc' AS a;
-- case: wide header
SELECT 1 AS "列名", 'x' AS "名前";
-- case: emoji
SELECT '😀 ok' AS e, 2 AS n;
-- case: combining characters take no column
SELECT 'e' || U&'\0301' || 'x' AS combined, 'y' AS y;
-- case: accented latin
SELECT 'Ñandú' AS nombre, 'corazón' AS palabra, 'über' AS u;
-- case: embedded newline in the last column
SELECT 1 AS n, E'first\nsecond\nthird' AS lines;
-- case: embedded newline in the first column
SELECT E'first\nsecond' AS lines, 1 AS n;
-- case: newlines in two columns of different heights
SELECT E'a\nb\nc' AS x, E'1\n2' AS y, 'z' AS z;
-- case: trailing newline makes an empty line
SELECT E'ends with newline\n' AS v, 1 AS n;
-- case: only a newline
SELECT E'\n' AS v;
-- case: carriage return is shown as \r
SELECT E'a\rb' AS v;
-- case: tab expands to the next multiple of eight
SELECT E'\tx' AS a, E'abc\tdef\tg' AS b, E'1234567\t8' AS c;
-- case: tab in the last column
SELECT 1 AS n, E'col\tval' AS t;
-- case: control character shown in hex
SELECT E'a\x01b' AS v, E'\x7f' AS del;
-- case: long value
SELECT repeat('x', 300) AS long;
-- case: long value in the middle
SELECT 1 AS a, repeat('abc ', 40) AS b, 2 AS c;
-- case: many columns
SELECT 1 AS c1, 2 AS c2, 3 AS c3, 4 AS c4, 5 AS c5, 6 AS c6, 7 AS c7, 8 AS c8, 9 AS c9, 10 AS c10, 'text' AS c11, NULL AS c12;
-- case: empty result keeps the header
SELECT 1 AS a, 'x' AS b WHERE false;
-- case: empty result of a table
CREATE TEMP TABLE e (id int, label text);
SELECT * FROM e;
-- case: zero columns with several rows
SELECT FROM generate_series(1, 3);
-- case: zero columns no rows
SELECT WHERE false;
-- case: header of one character with long values
SELECT 'long value here' AS v;
-- case: header centring with odd padding
SELECT 'abcd' AS ab, 'abcdefg' AS abc, 12345 AS n;
-- case: multi-line header
SELECT 1 AS "two
lines", 2 AS one;
-- case: header with spaces
SELECT 1 AS "a column", 2 AS "  padded  ";
-- case: column named like a type
SELECT 1 AS "integer", 'x' AS "text";
-- case: unnamed columns
SELECT 1, 'a', 2 + 3;
-- case: duplicate column names
SELECT 1 AS a, 2 AS a;
-- case: values list
VALUES (1, 'one'), (2, 'two');
-- case: table command
CREATE TEMP TABLE tc AS SELECT 1 AS a;
TABLE tc;
-- case: right aligned multi-row numeric mixed widths
SELECT * FROM (VALUES (1, 1.5), (22, 22.25), (333, 333.125)) v(i, n);
-- case: numbers as text are left aligned
SELECT '42' AS t, 42 AS i;
-- case: null in the last text column leaves no trailing spaces
SELECT 'x' AS a, NULL::text AS b UNION ALL SELECT 'yy', 'zz';
-- case: multiline value with wide characters
SELECT E'日本\n語' AS w, 'x' AS x;
-- case: two result sets in one step
SELECT 1 AS a;
SELECT 'b' AS b;
-- case: statements on one line
SELECT 1 AS a; SELECT 2 AS b;
-- case: statement without final semicolon
SELECT 'no semicolon' AS v
-- case: comments before and inside statements
-- a leading comment
SELECT 1 AS a -- trailing comment
, 2 AS b; -- after
/* block */ SELECT 3 AS c;
-- case: semicolon inside quotes and dollar quotes
SELECT 'a;b' AS q, $$c;d$$ AS d, $tag$e;f$tag$ AS e;
-- case: semicolon in a quoted identifier
SELECT 1 AS "x;y";
-- case: escape string
SELECT E'it\'s' AS v, E'back\\slash' AS w;
-- case: empty statement prints nothing
;
SELECT 1 AS after_empty;
-- case: blank lines inside a statement
SELECT 1 AS a,

2 AS b;
-- case: function body with semicolons
CREATE FUNCTION pg_temp.f(x int) RETURNS int LANGUAGE plpgsql AS $$
BEGIN
  RETURN x * 2;
END;
$$;
SELECT pg_temp.f(21) AS doubled;
-- case: generate many rows
SELECT g, g * g AS sq FROM generate_series(1, 25) g;
-- case: ordering of text with accents
SELECT w FROM (VALUES ('b'), ('a'), ('á')) v(w) ORDER BY w COLLATE "C";
