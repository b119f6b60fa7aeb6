CREATE TABLE libros (id int PRIMARY KEY, titulo text NOT NULL, autor text, editorial text);
INSERT INTO libros VALUES (1, 'Pedro Páramo', 'Rulfo', 'FCE'), (2, 'El llano en llamas', 'Rulfo', NULL), (3, 'Aura', 'Fuentes', 'Era');
CREATE TABLE ventas (region text, dia date, monto numeric(8,2)) PARTITION BY RANGE (dia);
CREATE TABLE ventas_q1 PARTITION OF ventas FOR VALUES FROM ('2024-01-01') TO ('2024-04-01');
CREATE TABLE ventas_q2 PARTITION OF ventas FOR VALUES FROM ('2024-04-01') TO ('2024-07-01');
CREATE TABLE ventas_resto PARTITION OF ventas DEFAULT;
CREATE TABLE zonas (codigo int) PARTITION BY LIST (codigo);
CREATE ROLE fidelity_lector;
CREATE ROLE fidelity_editor;
CREATE TABLE precios (id int, producto text, precio numeric, costo numeric);
GRANT SELECT (id, producto, precio) ON precios TO fidelity_lector;
GRANT SELECT, INSERT, UPDATE ON precios TO fidelity_editor;
ALTER TABLE precios ENABLE ROW LEVEL SECURITY;
CREATE POLICY solo_baratos ON precios FOR SELECT TO fidelity_lector USING (precio < 100);
CREATE TABLE movimientos (id int PRIMARY KEY, monto int);
CREATE FUNCTION registrar() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER auditar AFTER INSERT OR UPDATE OR DELETE ON movimientos FOR EACH ROW EXECUTE FUNCTION registrar();
CREATE TRIGGER validar BEFORE UPDATE OF monto ON movimientos FOR EACH ROW WHEN (NEW.monto < 0) EXECUTE FUNCTION registrar();
CREATE TRIGGER vaciado AFTER TRUNCATE ON movimientos FOR EACH STATEMENT EXECUTE FUNCTION registrar();
ALTER TABLE movimientos DISABLE TRIGGER vaciado;
CREATE TABLE padre (a int);
CREATE TABLE hija (b int) INHERITS (padre);
CREATE VIEW saldos_positivos AS SELECT id, monto FROM movimientos WHERE monto > 0;
-- case: set a variable and use it as a literal, an identifier and as text
\set autor 'Rulfo'
\set columna titulo
SELECT :"columna" FROM libros WHERE autor = :'autor' ORDER BY id;
SELECT count(*) AS n FROM libros WHERE autor = ':autor';
\echo :autor :'autor' :"autor"
-- case: several values are joined and quotes are doubled
\set titulo 'Pedro' ' ' 'Páramo'
\set apostrofe 'O''Brien'
SELECT :'titulo' AS titulo, :'apostrofe' AS nombre, 2::int AS casted;
-- case: a backslash makes an escaped literal
\set ruta 'C:\\datos'
SELECT :'ruta' AS ruta;
-- case: an undefined variable is sent as written
SELECT titulo FROM libros WHERE autor = :'nadie';
-- case: a variable holding part of a statement
\set filtro 'WHERE id > 1'
SELECT id FROM libros :filtro ORDER BY id;
-- case: unset
\set x 5
\unset x
\echo :x
-- case: echo without newline
\echo -n sin salto
\echo fin
-- case: null display
\pset null '(nulo)'
SELECT titulo, editorial FROM libros ORDER BY id;
-- case: null display expanded
\pset null '[NULL]'
\x on
SELECT id, editorial FROM libros WHERE id = 2;
-- case: null display not applied to listings
\pset null '(nulo)'
\d libros
-- case: gset stores one row
SELECT count(*) AS total, max(id) AS ultimo FROM libros \gset
\echo :total :ultimo
SELECT titulo FROM libros WHERE id = :ultimo;
-- case: gset with a prefix and a NULL
SELECT 7 AS a, NULL AS b \gset p_
\echo :p_a :p_b
-- case: gset with no rows and with many rows
SELECT id FROM libros WHERE false \gset
SELECT id FROM libros \gset
\echo :id
-- case: gset then a literal in a later statement
SELECT 'Aura' AS buscado \gset
SELECT id FROM libros WHERE titulo = :'buscado';
-- case: access privileges of a table
\dp precios
-- case: access privileges of everything
\z
-- case: access privileges none found
\dp nada_aqui
-- case: describe a partitioned table
\d ventas
-- case: describe a partitioned table verbose
\d+ ventas
-- case: describe a partition verbose
\d+ ventas_q1
-- case: describe a partition
\d ventas_q2
-- case: describe a partitioned table without partitions
\d+ zonas
-- case: describe a table verbose
\d+ libros
-- case: describe a table with triggers
\d movimientos
-- case: describe a parent and a child table
\d padre
\d+ padre
\d hija
-- case: describe a view verbose
\d+ saldos_positivos
\d saldos_positivos
