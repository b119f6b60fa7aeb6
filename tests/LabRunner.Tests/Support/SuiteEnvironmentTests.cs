using LabRunner.Postgres;

namespace LabRunner.Tests.Support;

/// <summary>The suite does not depend on the caller's PG* variables nor on the user's template cache (SuiteEnvironment).</summary>
public sealed class SuiteEnvironmentTests
{
    [Fact]
    public void No_PG_variable_of_the_caller_reaches_the_tests_so_check_takes_a_sandbox()
    {
        var left = Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(n => n.StartsWith("PG", StringComparison.Ordinal)).ToList();
        Assert.True(left.Count == 0, "left: " + string.Join(", ", left));
        Assert.False(new TargetOptions().NamesExistingServer); // a PGHOST would have made every "sandbox" a real server
    }

    [Fact]
    public void Templates_are_cached_in_the_suites_own_folder_not_the_users()
    {
        Assert.StartsWith(SuiteEnvironment.CacheHome + "/", ConfinedSandbox.DefaultCacheDirectory());
        Assert.StartsWith(SuiteEnvironment.CacheHome + "/", ClusterTemplate.DefaultCacheDirectory());
    }
}
