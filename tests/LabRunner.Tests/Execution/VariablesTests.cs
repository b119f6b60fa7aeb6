using LabRunner.Execution;

namespace LabRunner.Tests.Execution;

public sealed class VariablesTests
{
    private static readonly Dictionary<string, string> Values = new() { ["data_directory"] = "/srv/pg/data", ["label"] = "b1" };

    [Fact]
    public void Known_names_are_replaced_with_or_without_spaces() =>
        Assert.Equal("rsync /srv/pg/data/ b1 b1", Variables.Substitute("rsync {{data_directory}}/ {{label}} {{ label }}", Values));

    [Fact]
    public void Unknown_names_stay_as_written_and_are_reported()
    {
        Assert.Equal("{{nope}} b1", Variables.Substitute("{{nope}} {{label}}", Values));
        Assert.Equal(["nope"], Variables.Unknown("{{nope}} {{label}}", Values));
    }
}
