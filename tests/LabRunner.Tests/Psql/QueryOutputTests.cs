using LabRunner.Psql;

namespace LabRunner.Tests.Psql;

/// <summary>`\g (format=unaligned tuples_only=on) FILE`: where the result goes and what psql writes there.</summary>
public sealed class QueryOutputTests
{
    [Fact]
    public void G_with_options_and_a_file_sends_the_statement_to_that_file()
    {
        var parts = PsqlScanner.Split("SELECT labelfile FROM pg_backup_stop() \\g (format=unaligned tuples_only=on) /var/lib/postgresql/15/base1/backup_label\nSELECT 1;");
        var first = Assert.IsType<SqlStatementPart>(parts[0]);
        Assert.Equal("SELECT labelfile FROM pg_backup_stop() ", first.Text);
        Assert.Equal(new QueryOutput("/var/lib/postgresql/15/base1/backup_label", Unaligned: true, TuplesOnly: true), first.Output);
        Assert.Null(Assert.IsType<SqlStatementPart>(parts[1]).Output);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("|wc -l", null)]
    [InlineData("out.txt", "out.txt")]
    [InlineData("'my file.txt'", "my file.txt")]
    public void G_without_a_file_or_with_a_pipe_prints_to_the_screen(string arguments, string? file) =>
        Assert.Equal(file, QueryOutput.Parse(arguments)?.File);

    [Fact]
    public void Unaligned_tuples_only_writes_the_values_alone_and_aligned_writes_the_table()
    {
        var rs = PsqlFormatter.Shaped(["a", "b"], [["1", "START WAL LOCATION: 0/2000028\nCHECKPOINT LOCATION: 0/2000060\n"], ["2", null]], [true, false]);
        Assert.Equal("1|START WAL LOCATION: 0/2000028\nCHECKPOINT LOCATION: 0/2000060\n\n2|\n",
            new QueryOutput("f", Unaligned: true, TuplesOnly: true).Render(rs, expanded: false));
        Assert.Equal("a|b\n1|START WAL LOCATION: 0/2000028\nCHECKPOINT LOCATION: 0/2000060\n\n2|\n(2 rows)\n",
            new QueryOutput("f", Unaligned: true, TuplesOnly: false).Render(rs, expanded: false));
        Assert.Equal(PsqlFormatter.Format(rs), new QueryOutput("f", Unaligned: false, TuplesOnly: false).Render(rs, expanded: false));
    }
}
