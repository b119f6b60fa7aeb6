using LabRunner.Labs;
using LabRunner.Running;
using LabRunner.Tests.Running;

namespace LabRunner.Tests.Labs;

public sealed class LabVariablesTests
{
    private static readonly Dictionary<string, string> Values = new() { ["data_directory"] = "/srv/pg/data", ["label"] = "b1" };

    [Fact]
    public void Known_names_are_replaced_with_or_without_spaces() =>
        Assert.Equal("rsync /srv/pg/data/ b1 b1", LabVariables.Substitute("rsync {{data_directory}}/ {{label}} {{ label }}", Values));

    [Fact]
    public void Unknown_names_stay_as_written_and_are_reported()
    {
        Assert.Equal("{{nope}} b1", LabVariables.Substitute("{{nope}} {{label}}", Values));
        Assert.Equal(["nope"], LabVariables.Unknown("{{nope}} {{label}} {{nope}}", Values));
    }

    [Fact]
    public void Validation_and_substitution_read_the_same_syntax()
    {
        // One pattern: whatever validation calls a reference is what substitution replaces.
        foreach (var text in new[] { "{{a}}", "{{ a }}", "{{a.b}}", "{{a-b}}", "{{ }}" })
        {
            var name = LabVariables.Reference().Match(text).Groups["name"].Value;
            Assert.Equal("X", LabVariables.Substitute(text, new Dictionary<string, string> { [name] = "X" }));
        }
    }

    [Fact]
    public void A_server_gives_the_built_in_values_and_the_labs_own_may_use_them()
    {
        var lab = new Lab { Id = "l", Title = "l", Tasks = [], Variables = new Dictionary<string, string> { ["backup_dir"] = "{{workdir}}/backup1" } };

        var values = ServerVariables.For(new LabRunTests.FakeTarget(15), lab);

        Assert.Equal(LabVariables.BuiltIn.Order(), values.Keys.Where(LabVariables.IsBuiltIn).Order());
        Assert.Equal("/work/backup1", values["backup_dir"]);
        Assert.Equal("15", values["pg_major"]);
    }

    [Fact]
    public void A_data_directory_the_role_cannot_read_has_no_value_never_an_empty_one()
    {
        var values = ServerVariables.BuiltIns(new LabRunTests.FakeTarget(15) { Data = null });
        Assert.False(values.ContainsKey("data_directory"));
    }
}
