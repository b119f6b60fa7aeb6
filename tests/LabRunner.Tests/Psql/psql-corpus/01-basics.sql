CREATE TABLE t (id int, name text);
INSERT INTO t VALUES (1, 'one'), (2, 'two'), (3, NULL);
-- case: one int
SELECT 1;
-- case: header wider than values
select 1 as a, 'x' as "long header", null as n;
-- case: zero columns
select;
-- case: multiline header and cell
select 'a
b' as "h
i", 2 as z;
-- case: undefined table
select * from nope;
-- case: error on second line
SELECT 1,
  2 + 'x'::int;
-- case: notice
do $$ begin raise notice 'hi %', 1; end $$;
-- case: expanded
\x
select 1 as a, 'hello' as bbbbbbbbbbbbb;
select 1 where false;
\x
-- case: create insert returning
create temp table tt(a int);
insert into tt values (1),(2);
insert into tt values (3) returning *;
-- case: failed transaction commit says rollback
begin; select 1/0; commit;
-- case: tab and wide
select E'a\tb' as tab, '日本語' as wide;
-- case: table rows
SELECT * FROM t ORDER BY id;
