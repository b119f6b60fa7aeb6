using System.Collections;
using System.Runtime.CompilerServices;

namespace LabRunner.Tests.Support;

/// <summary>
/// The suite runs in an environment of its own, set before any test (and inherited by every labrunner and tmux it starts):
/// no PG* variable of the caller's (a PGHOST would silently point the "sandbox" tests at a real server, a PGPASSWORD or
/// PGOPTIONS would change what they see), and a template cache of its own instead of the user's ~/.cache/labrunner, so a
/// fresh machine takes the cold path (the first sandbox builds the templates) and the user's cache is never touched.
/// </summary>
internal static class SuiteEnvironment
{
    /// <summary>The suite's XDG cache folder: templates live in labrunner/templates below it, kept between runs.</summary>
    public static readonly string CacheHome = Path.Combine(Path.GetTempPath(), $"labrunner-tests-cache-{Environment.UserName}");

    /// <summary>The PG* variables the caller had (names only), for the test that proves they are gone.</summary>
    public static IReadOnlyList<string> RemovedPgVariables { get; private set; } = [];

#pragma warning disable CA2255 // A test assembly's own start-up: it must run before any test class or fixture reads the environment.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Isolate()
    {
        var removed = new List<string>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            var name = (string)variable.Key;
            if (!name.StartsWith("PG", StringComparison.Ordinal)) continue;
            Environment.SetEnvironmentVariable(name, null);
            removed.Add(name);
        }
        RemovedPgVariables = removed;
        Environment.SetEnvironmentVariable("XDG_CACHE_HOME", CacheHome);
    }
}
