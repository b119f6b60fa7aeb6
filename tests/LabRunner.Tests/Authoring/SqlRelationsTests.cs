using LabRunner.Authoring;
using LabRunner.Labs;

namespace LabRunner.Tests.Authoring;

/// <summary>
/// The relations a task's SQL makes and uses, as TaskDependencies reads them to infer `needs:`: keywords and names are
/// read as psql and PostgreSQL read them, so a name inside a string, a dollar-quoted body or a comment is not a use.
/// </summary>
public sealed class SqlRelationsTests
{
    [Theory]
    [InlineData("SELECT 'FROM orders';")]
    [InlineData("-- uses clientes\nSELECT 1;")]
    [InlineData("/* FROM pedidos, JOIN clientes */ SELECT 1;")]
    [InlineData("DO $$ BEGIN PERFORM * FROM pedidos; UPDATE clientes SET x = 1; END $$;")]
    [InlineData("SELECT $cuerpo$ INSERT INTO pedidos VALUES (1) $cuerpo$;")]
    [InlineData("SELECT E'it''s FROM pedidos' AS texto;")]
    [InlineData("SELECT 1 AS \"FROM clientes\";")]
    public void Names_inside_strings_dollar_bodies_and_comments_are_not_used(string sql) =>
        Assert.Empty(SqlRelations.Used(sql));

    [Theory]
    [InlineData("SELECT count(*) FROM public.\"Clientes\" c JOIN pedidos p ON p.cliente = c.id;", "clientes,pedidos")]
    [InlineData("INSERT INTO ventas SELECT * FROM ONLY historico;", "ventas,historico")]
    [InlineData("ALTER TABLE IF EXISTS ONLY cuentas ADD COLUMN x int;", "cuentas")]
    [InlineData("VACUUM (VERBOSE, ANALYZE) movimientos; ANALYZE VERBOSE saldos;", "movimientos,saldos")]
    [InlineData("CREATE INDEX CONCURRENTLY IF NOT EXISTS i_fecha ON ONLY ventas (fecha);", "ventas")]
    [InlineData("TRUNCATE TABLE ONLY auditoria; DELETE FROM bitacora;", "auditoria,bitacora")]
    [InlineData("SELECT 'tarifas'::regclass;", "tarifas")]
    [InlineData("SELECT n_live_tup FROM pg_stat_user_tables WHERE relname = 'test_autovacuum';", "pg_stat_user_tables,test_autovacuum")]
    [InlineData("SELECT pg_relation_size('public.Facturas');", "facturas")]
    [InlineData("\\d+ inventario", "inventario")]
    [InlineData("SELECT 'x FROM y'::text, 1 FROM ventas;", "ventas")]
    public void Names_where_sql_reads_a_relation_are_used(string sql, string expected) =>
        Assert.Equal(expected.Split(','), SqlRelations.Used(sql));

    [Fact]
    public void Created_reads_the_statements_that_make_a_relation_not_strings_or_bodies()
    {
        const string Sql = """
            CREATE TABLE IF NOT EXISTS public."Alumnos" (id int);
            CREATE OR REPLACE VIEW resumen AS SELECT 1;
            CREATE MATERIALIZED VIEW mv AS SELECT 1;
            CREATE UNLOGGED TABLE temporal (x int);
            CREATE SEQUENCE folios;
            SELECT 'CREATE TABLE falsa (x int)';
            DO $$ BEGIN CREATE TABLE interna (x int); END $$;
            -- CREATE TABLE comentada (x int);
            """;

        Assert.Equal(["alumnos", "folios", "mv", "resumen", "temporal"], SqlRelations.Created(Sql).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_task_that_only_mentions_a_table_in_a_string_or_comment_needs_nothing()
    {
        const string Tasks = """
              - id: crear
                title: T1
                steps:
                  - id: tabla
                    title: S
                    sql: CREATE TABLE clientes (id int);
              - id: usar
                title: T2
                steps:
                  - id: decir
                    title: S
                    sql: "SELECT 'FROM clientes' AS texto; -- uses clientes"
                  - id: bloque
                    title: S
                    sql: "DO $$ BEGIN PERFORM count(*) FROM clientes; END $$;"
            """;
        const string RealUse = """
                  - id: contar
                    title: S
                    sql: SELECT count(*) FROM clientes;

            """;

        Assert.Empty(TaskDependencies.Of(Load(Tasks)));
        // The same task with a real use does need the first one.
        Assert.Equal("clientes", Assert.Single(TaskDependencies.Of(Load(Tasks + "\n" + RealUse))).Relation);
    }

    private static Lab Load(string tasks) =>
        LabLoader.LoadText("id: dep\ntitle: Dep\ntasks:\n" + tasks, "/labs/dep/lab.yaml").Lab ?? throw new InvalidOperationException("the test lab does not load");
}
