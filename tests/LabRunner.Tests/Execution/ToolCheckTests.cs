using LabRunner.Execution;

namespace LabRunner.Tests.Execution;

public sealed class ToolCheckTests
{
    [Fact]
    public void A_missing_declared_tool_stops_the_lab_with_the_package_to_install()
    {
        var e = Assert.Throws<UserErrorException>(() => ToolCheck.EnsureInstalled(["bash", "no-such-tool-xyz"]));

        Assert.Contains("need no-such-tool-xyz", e.Message);
        Assert.Contains("apt-get install -y no-such-tool-xyz", e.Message);
    }

    [Fact]
    public void Installed_tools_pass()
    {
        ToolCheck.EnsureInstalled(["bash", "sh"]);
        Assert.Empty(ToolCheck.Missing(["bash", "sh"]));
    }
}
