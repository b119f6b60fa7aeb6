CREATE SCHEMA lab;
CREATE TABLE items (id serial PRIMARY KEY, name text NOT NULL DEFAULT 'x', price numeric(10,2) UNIQUE);
CREATE INDEX items_name_idx ON items (name);
CREATE TABLE orders (id int GENERATED ALWAYS AS IDENTITY, item_id int REFERENCES items(id), qty int CHECK (qty > 0));
CREATE VIEW cheap AS SELECT * FROM items WHERE price < 10;
CREATE TABLE lab.stuff (a int);
-- case: list tables
\dt
-- case: list tables with a pattern
\dt item*
-- case: list tables in a schema
\dt lab.*
-- case: list tables none found
\dt nothing_here
-- case: list relations
\d
-- case: list views
\dv
-- case: describe a table
\d items
-- case: describe a table with foreign key and check
\d orders
-- case: describe a view
\d cheap
-- case: describe a missing relation
\d nothing_here
-- case: describe a table expanded
\x
\d items
-- case: list schemas
\dn
-- case: list schemas verbose
\dn+
-- case: list roles
\du
-- case: list tables expanded
\x
\dt
-- case: set prompt is accepted silently
\set PROMPT1 '%/%R%# '
SELECT 1 AS a;
-- case: unknown meta command
\nosuch
SELECT 1 AS a;
-- case: echo
\echo hello world
-- case: connect to the same database
\c postgres
SELECT current_database();
-- case: list databases
\l
-- case: list tables verbose
\dt+
-- case: list views verbose
\dv+
-- case: list indexes
\di
-- case: list sequences
\ds
