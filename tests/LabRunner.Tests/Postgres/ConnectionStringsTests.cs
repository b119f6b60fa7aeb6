using LabRunner.Postgres;

namespace LabRunner.Tests.Postgres;

public sealed class ConnectionStringsTests
{
    [Fact]
    public void A_postgresql_uri_gives_user_password_host_port_and_database()
    {
        var b = ConnectionStrings.Parse("postgresql://alice:s%40cret@db.example.com:5433/curso?sslmode=disable&application_name=lab");

        Assert.Equal(("alice", "s@cret", "db.example.com", 5433, "curso"), (b.Username, b.Password, b.Host, b.Port, b.Database));
        Assert.Equal("lab", b.ApplicationName);
    }

    [Fact]
    public void A_uri_may_name_a_socket_directory_as_host_parameter()
    {
        var b = ConnectionStrings.Parse("postgresql://postgres@/curso?host=/tmp/sock&port=6000");

        Assert.Equal(("/tmp/sock", 6000, "curso", "postgres"), (b.Host, b.Port, b.Database, b.Username));
    }

    [Fact]
    public void A_libpq_keyword_string_is_understood()
    {
        var b = ConnectionStrings.Parse("host=localhost port=5544 dbname=curso user=bob password='x y'".Replace("'x y'", "xy"));

        Assert.Equal(("localhost", 5544, "curso", "bob", "xy"), (b.Host, b.Port, b.Database, b.Username, b.Password));
    }

    [Fact]
    public void An_unknown_keyword_is_a_clear_error()
    {
        var e = Assert.Throws<FormatException>(() => ConnectionStrings.Parse("hots=localhost"));
        Assert.Contains("hots", e.Message);
    }

    [Fact]
    public void Describe_never_shows_the_password()
    {
        var b = ConnectionStrings.Parse("postgresql://alice:topsecret@db:5432/curso");

        Assert.DoesNotContain("topsecret", ConnectionStrings.Describe(b));
        Assert.Contains("db:5432/curso", ConnectionStrings.Describe(b));
    }

    [Fact]
    public void A_quoted_libpq_value_may_hold_spaces_semicolons_quotes_and_backslashes()
    {
        var b = ConnectionStrings.Parse(@"host=/tmp/sock port=6000 user=bob password='my secret;x\'y\\z' dbname=curso");

        Assert.Equal(("/tmp/sock", 6000, "bob", "my secret;x'y\\z", "curso"), (b.Host, b.Port, b.Username, b.Password, b.Database));
    }

    [Fact]
    public void Npgsql_keyword_strings_still_work_with_quoted_values()
    {
        var b = ConnectionStrings.Parse("Host=/tmp/sock;Port=6001;Username=postgres;Password=\"a;b\"\"c\";Database=x;Pooling=False;Timeout=30");

        Assert.Equal(("/tmp/sock", 6001, "postgres", "a;b\"c", "x"), (b.Host, b.Port, b.Username, b.Password, b.Database));
    }

    [Theory]
    [InlineData("host=/tmp password=hun ter2 dbname=x", "ter2")]
    [InlineData("host=/tmp password=hun ter2=3 dbname=x", "ter2")]
    [InlineData("host=/tmp password='hunter2 dbname=x", "hunter2")]
    [InlineData("password=hunter2;host=/tmp;bogus=1", "hunter2")]
    [InlineData("postgresql://bob:hun/ter2@db/x", "ter2")]
    [InlineData("postgresql://bob:hunter2@db:99999/x", "hunter2")]
    [InlineData("postgresql://bob:hunter2@db:999999999999999/x", "hunter2")]
    [InlineData("postgresql://bob@db/x?password=hunter2&bogus=1", "hunter2")]
    public void Errors_never_echo_any_part_of_a_password(string connection, string secret)
    {
        var e = Assert.Throws<FormatException>(() => ConnectionStrings.Parse(connection));
        Assert.DoesNotContain(secret, e.Message);
        Assert.DoesNotContain("hun", e.Message);
    }

    [Theory]
    [InlineData("host=127.0.0.1 port=99999 dbname=x")]
    [InlineData("host=127.0.0.1 port=0 dbname=x")]
    [InlineData("Host=127.0.0.1;Port=70000")]
    [InlineData("postgresql://u@localhost:99999/x")]
    [InlineData("postgresql://u@localhost:99999999999999999999/x")]
    [InlineData("postgresql://u@/x?port=99999")]
    public void A_port_out_of_range_is_a_clear_error(string connection) =>
        Assert.Contains("is out of range (1-65535)", Assert.Throws<FormatException>(() => ConnectionStrings.Parse(connection)).Message);

    [Fact]
    public void A_password_is_remembered_as_a_secret_and_scrubbed()
    {
        ConnectionStrings.Parse("host=/tmp password='s3cret words;here' dbname=x");

        Assert.Equal($"the password is {Secrets.Mask}.", Secrets.Scrub("the password is s3cret words;here."));
        Assert.Equal($"uri {Secrets.Mask}", Secrets.Scrub("uri " + Uri.EscapeDataString("s3cret words;here")));
    }
}
