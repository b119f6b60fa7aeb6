using LabRunner.Tests.Support;

namespace LabRunner.Tests.Tui;

/// <summary>
/// The real command in a real terminal: the seed lab is Spanish; with a locale that names no language (C.UTF-8) and no
/// --lang its screen is Spanish, --lang en or an English locale make it English.
/// </summary>
public sealed class InterfaceLanguageTmuxTests : IDisposable
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(90);
    private readonly TmuxFolder _folder = new("lr-lang-");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("C.UTF-8", "", "Objetivo de la práctica")]
    [InlineData("C.UTF-8", "--lang en", "Objectives")]
    [InlineData("en_US.UTF-8", "", "Objectives")]
    public void The_seed_labs_screen_speaks_lang_else_the_locale_else_the_labs_language(string locale, string option, string heading)
    {
        var temp = _folder.Path;
        var command = $"cd '{TestPaths.RepoRoot}' && env -u PGHOST -u PGPORT -u PGUSER -u PGDATABASE -u PGPASSWORD -u LC_MESSAGES TMPDIR='{temp}' " +
                      $"XDG_DATA_HOME='{temp}/data' XDG_CACHE_HOME='{SuiteEnvironment.CacheHome}' LANG={locale} LC_ALL= " +
                      $"dotnet '{TestPaths.LabrunnerDll}' respaldo-autovacuum {option}";
        using var tmux = new Tmux(command, 120, 40);

        var screen = tmux.WaitFor(s => s.Contains("Objetivo de la práctica") || s.Contains("Objectives"), Long, "the lab's overview");
        Assert.Contains(heading, screen);
    }
}
