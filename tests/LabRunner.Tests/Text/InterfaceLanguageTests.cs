using LabRunner.Labs;
using LabRunner.Text;
using LabRunner.Tui;

namespace LabRunner.Tests.Text;

/// <summary>
/// Which language the interface speaks: --lang, else a locale that names a language we have (es, en), else the lab's
/// own language, else English. A Spanish lab on a machine whose locale says nothing (unset, C, POSIX) opens in Spanish.
/// </summary>
public sealed class InterfaceLanguageTests
{
    [Theory]
    [InlineData(null, null, null, "es", "es")]            // nothing said: the lab's language
    [InlineData(null, "C", null, "es", "es")]             // C and POSIX name no language
    [InlineData(null, null, "POSIX", "es", "es")]
    [InlineData(null, null, "C.UTF-8", "es", "es")]
    [InlineData(null, null, "fr_FR.UTF-8", "es", "es")]   // a language we do not have: the lab's, not English
    [InlineData(null, null, "en_US.UTF-8", "es", "en")]   // a locale that names one of ours wins over the lab
    [InlineData(null, "es_ES.UTF-8", null, "en", "es")]
    [InlineData(null, "C", "es_ES.UTF-8", "en", "en")]    // LC_ALL set (to C) decides, as in psql: LANG is not read
    [InlineData("en", null, "es_ES.UTF-8", "es", "en")]   // --lang wins over both
    [InlineData("es", "en_US.UTF-8", null, "en", "es")]
    [InlineData(null, null, null, "de", "en")]            // a lab in a language we do not have: English
    [InlineData(null, null, null, null, "en")]
    public void Lang_then_a_locale_naming_es_or_en_then_the_labs_language_then_English(
        string? option, string? lcAll, string? lang, string? labLanguage, string expected)
    {
        var env = new Dictionary<string, string?> { ["LC_ALL"] = lcAll, ["LANG"] = lang };
        Assert.Equal(expected, Catalogue.Resolve(option, name => env.GetValueOrDefault(name), labLanguage).Code);
    }

    [Fact]
    public void The_tui_speaks_each_labs_language_when_neither_lang_nor_the_locale_says_one()
    {
        var options = new TuiOptions { Environment = name => name == "LANG" ? "C.UTF-8" : null };
        var spanish = new Lab { Id = "es", Title = "Práctica", Language = "es", Tasks = [] };
        var english = new Lab { Id = "en", Title = "Lab", Language = "en", Tasks = [] };

        Assert.Equal("en", options.Text.Code); // the picker, before any lab: English
        Assert.Equal("es", options.TextFor(spanish).Code);
        Assert.Equal("en", options.TextFor(english).Code);
        Assert.Equal("en", (options with { Lang = "en" }).TextFor(spanish).Code);
        Assert.Equal("en", (options with { Environment = name => name == "LANG" ? "en_GB.UTF-8" : null }).TextFor(spanish).Code);
    }
}
