using LabRunner.Execution;
using LabRunner.Labs;
using LabRunner.Tests.Support;

namespace LabRunner.Tests.Execution;

/// <summary>
/// A lab pasted from a Spanish psql gets its meta-command listings in that psql's words (from psql's own catalogue on
/// this machine), and \db and \dRp+ are listed as psql 15 lists them.
/// </summary>
[Collection(SandboxCollection.Name)]
public sealed class PsqlLanguageTests(SandboxFixture fx)
{
    private static Lab LabWithPanel(string panel) => new()
    {
        Id = "l", Title = "L",
        Tasks = [new LabTask { Id = "t", Title = "T", Steps = [new Step { Id = "s", Title = "S", Action = new SqlAction("SELECT 1;"), Expect = new Expectation { Panel = panel } }] }],
    };

    [Theory]
    [InlineData(" a \n---\n 1\n(1 fila)\n", "es")]
    [InlineData(" a \n---\n 1\n(3 filas )\n", "es")]
    [InlineData(" a \n---\n 1\n(1 row)\n", null)]
    public void The_panels_footers_tell_the_language_of_the_authors_psql(string panel, string? language) =>
        Assert.Equal(language, PsqlLanguage.Of(LabWithPanel(panel)));

    [Fact]
    public async Task Listings_come_in_the_words_of_a_spanish_psql()
    {
        var db = await fx.CreateDatabaseAsync("es");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions { PsqlLanguage = "es" });
        await ex.SqlAsync("CREATE TABLE ventas (id int PRIMARY KEY, producto text NOT NULL);", db);
        var dt = await ex.SqlAsync("\\dt", db);
        // As the Spanish psql 15 of the corpus prints it (psql-metacomandos.md), but for the footer: LabRunner keeps "(1 row)".
        Assert.Equal("        Listado de relaciones\n Esquema | Nombre | Tipo  |  Dueño   \n---------+--------+-------+----------\n" +
                     " public  | ventas | tabla | postgres\n(1 row)\n\n", dt.Text);
        var d = await ex.SqlAsync("\\d ventas", db);
        Assert.Contains("Tabla «public.ventas»\n", d.Text);
        Assert.Contains(" | Ordenamiento | Nulable  | Por omisión \n", d.Text);
        Assert.Contains("Índices:\n    \"ventas_pkey\" PRIMARY KEY, btree (id)\n", d.Text);
    }

    [Fact]
    public async Task Db_and_dRp_plus_list_tablespaces_and_publications()
    {
        var db = await fx.CreateDatabaseAsync("pub");
        await using var ex = new StepExecutor(fx.Sandbox, new ExecutionOptions { PsqlLanguage = "es" });
        var pub = $"pub_{Guid.NewGuid():N}"[..12];
        await ex.SqlAsync($"CREATE TABLE ventas (id int PRIMARY KEY); CREATE PUBLICATION {pub} FOR TABLE ventas;", db);
        var dRp = await ex.SqlAsync("\\dRp+", db);
        Assert.Contains($"""
             Dueño   | Todas las tablas | Inserts | Updates | Deletes | Truncates | Via root 
            ----------+------------------+---------+---------+---------+-----------+----------
             postgres | f                | t       | t       | t       | t         | f
            Tablas:
                "public.ventas"
            """.Replace("\r", ""), dRp.Text);
        Assert.Contains($"Publicación {pub}\n", dRp.Text);
        var db2 = await ex.SqlAsync("\\db", db);
        Assert.Contains("Listado de tablespaces", db2.Text);
        Assert.Contains(" pg_default | postgres | \n", db2.Text);
        await ex.SqlAsync($"DROP PUBLICATION {pub};", db);
    }
}
