using LabRunner.Cli;

namespace LabRunner.Tests.Cli;

public sealed class SandboxCommandTests
{
    [Fact]
    public async Task Without_PostgreSQL_binaries_the_command_exits_2_with_the_install_hint_and_no_stack_trace()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());

        var code = await CliApp.RunAsync(["sandbox", "--pg-bin", "/nonexistent/bin"], stdout, stderr);

        Assert.Equal(ExitCodes.UsageOrEnvironment, code);
        Assert.Contains("apt-get install -y postgresql", stderr.ToString());
        Assert.DoesNotContain("   at ", stderr.ToString());
    }
}
