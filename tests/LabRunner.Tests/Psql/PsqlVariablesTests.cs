using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

public class PsqlVariablesTests
{
    private static readonly Dictionary<string, string> Vars = new() { ["autor"] = "Rulfo", ["q"] = "O'Brien", ["bs"] = @"a\b", ["col"] = "ti\"tulo" };

    private static string Interpolate(string sql) => PsqlVariables.Interpolate(sql, n => Vars.GetValueOrDefault(n));

    [Theory]
    [InlineData("SELECT :'autor';", "SELECT 'Rulfo';")]
    [InlineData("SELECT :autor, :\"col\";", "SELECT Rulfo, \"ti\"\"tulo\";")]
    [InlineData("SELECT :'q';", "SELECT 'O''Brien';")]
    [InlineData("SELECT :'bs';", @"SELECT  E'a\\b';")]
    public void Variables_are_interpolated_as_psql_quotes_them(string sql, string sent) => Assert.Equal(sent, Interpolate(sql));

    [Theory]
    [InlineData("SELECT ':autor', E':autor\\'', \":autor\";")]
    [InlineData("SELECT $$ :autor $$, $f$:autor$f$;")]
    [InlineData("SELECT 1 -- :autor\n;")]
    [InlineData("SELECT /* :autor /* nested */ :autor */ 1;")]
    [InlineData("SELECT 1::int, a[1:2] FROM t;")]
    [InlineData("SELECT f(x := 1);")]
    [InlineData("SELECT :nadie, :'nadie', :\"nadie\", :'autor;")]
    public void Quotes_comments_casts_and_unknown_names_are_left_as_written(string sql) => Assert.Equal(sql, Interpolate(sql));

    [Fact]
    public void Meta_command_arguments_unquote_join_and_interpolate()
    {
        var args = MetaArguments.Split(@"'Pedro' ' ' 'P''aramo'x :autor :'autor' ""keep"" 'tab\there'", n => Vars.GetValueOrDefault(n));
        Assert.Equal(["Pedro", " ", "P'aramox", "Rulfo", "'Rulfo'", "\"keep\"", "tab\there"], args);
    }
}
