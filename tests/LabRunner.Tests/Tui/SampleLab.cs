using LabRunner.Labs;

namespace LabRunner.Tests.Tui;

/// <summary>A small in-memory lab shaped like the seed lab (two tasks; a shell step; a step with an expected table).</summary>
public static class SampleLab
{
    public static Lab Create(string id = "sample") => new()
    {
        Id = id,
        Title = "Respaldo y autovacuum",
        Language = "es",
        Server = new ServerRequirements { Database = "curso" },
        Tasks =
        [
            new LabTask
            {
                Id = "t1", Title = "Tarea 1. Backup",
                Text = "Usa la **API de bajo nivel**.",
                Steps =
                [
                    new Step { Id = "p1", Title = "Paso 1. Iniciar el backup", Text = "Ejecuta `pg_backup_start`:\n\n- en la *misma* sesión", Action = new SqlAction("SELECT pg_backup_start('backup1', false) IS NOT NULL AS started;") },
                    new Step { Id = "p2", Title = "Paso 2. Copiar el directorio", Text = "Copia con rsync.", Action = new ShellAction("rsync -a {{datadir}}/ {{workdir}}/backup1/"), Hint = "Excluye postmaster.pid." },
                ],
            },
            new LabTask
            {
                Id = "t2", Title = "Tarea 2. Autovacuum",
                Steps =
                [
                    new Step { Id = "p1", Title = "Paso 1. Revisar autovacuum", Action = new SqlAction("SHOW autovacuum;"),
                        Expect = new Expectation { Panel = "curso=> SHOW autovacuum;\n autovacuum \n------------\n on\n(1 row)\n" }, Hint = "Es un parámetro del servidor." },
                    new Step { Id = "p2", Title = "Paso 2. Crear la tabla", Action = new SqlAction("CREATE TABLE test_autovacuum (id serial PRIMARY KEY, data text);") },
                    new Step { Id = "p3", Title = "Paso 3. Contar", Action = new SqlAction("SELECT count(*) AS n FROM test_autovacuum;"),
                        Expect = new Expectation { Columns = ["n"], Rows = [["0"]] } },
                ],
            },
        ],
    };
}
