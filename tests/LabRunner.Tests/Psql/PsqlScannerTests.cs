using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

public sealed class PsqlScannerTests
{
    private static List<string> Statements(string script) =>
        PsqlScanner.Split(script).OfType<SqlStatementPart>().Select(s => s.Text).ToList();

    [Fact]
    public void Statements_keep_their_semicolon_and_lose_leading_blanks_and_line_comments() =>
        Assert.Equal(["SELECT 1;", "SELECT 2;"], Statements("-- intro\n  SELECT 1;  -- after\n\n SELECT 2;\n"));

    [Fact]
    public void Semicolons_inside_quotes_dollar_quotes_comments_and_parentheses_do_not_split() =>
        Assert.Equal(
            ["SELECT 'a;b', \"c;d\", $$e;f$$, $x$g;h$x$ /* i; */;", "CREATE RULE r AS ON INSERT TO t DO INSTEAD (SELECT 1; SELECT 2);"],
            Statements("SELECT 'a;b', \"c;d\", $$e;f$$, $x$g;h$x$ /* i; */;\nCREATE RULE r AS ON INSERT TO t DO INSTEAD (SELECT 1; SELECT 2);"));

    [Fact]
    public void Escape_strings_honour_backslash_quotes() =>
        Assert.Equal(["SELECT E'it\\'s;';", "SELECT 2;"], Statements("SELECT E'it\\'s;';\nSELECT 2;"));

    [Fact]
    public void A_begin_atomic_body_is_one_statement() =>
        Assert.Single(Statements("CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC\n  SELECT 1;\n  SELECT 2;\nEND;"));

    [Fact]
    public void Multi_line_statements_keep_their_lines_and_a_missing_final_semicolon_is_fine() =>
        Assert.Equal(["SELECT a,\n  b -- why\nFROM t"], Statements("SELECT a,\n  b -- why\nFROM t\n"));

    [Fact]
    public void Meta_commands_take_their_line()
    {
        var parts = PsqlScanner.Split("\\x\nSELECT 1;\n\\c curso\n\\dn+\n");
        Assert.Collection(parts,
            p => Assert.Equal(new MetaCommandPart("x", "", 1), p),
            p => Assert.Equal("SELECT 1;", Assert.IsType<SqlStatementPart>(p).Text),
            p => Assert.Equal(new MetaCommandPart("c", "curso", 3), p),
            p => Assert.Equal(new MetaCommandPart("dn+", "", 4), p));
    }

    [Fact]
    public void Gx_sends_the_statement_expanded()
    {
        var part = Assert.IsType<SqlStatementPart>(Assert.Single(PsqlScanner.Split("SELECT 1 \\gx\n")));
        Assert.True(part.ForceExpanded);
        Assert.Equal("SELECT 1 ", part.Text);
    }

    [Fact]
    public void A_lone_semicolon_is_an_empty_statement() =>
        Assert.True(Assert.IsType<SqlStatementPart>(Assert.Single(PsqlScanner.Split(";"))).IsEmpty);
}
